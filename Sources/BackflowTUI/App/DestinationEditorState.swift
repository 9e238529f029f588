import BackflowCore

/// The destination form, open over the overview: a destination's name, type, region, endpoint and
/// write-key *reference* (the environment variable's name; the key itself is never typed here),
/// and a Profiles destination's profile spaces. `a` puts it into the workspace, `w` saves too.
public struct DestinationEditorState: Sendable, Equatable {
    /// The destination's name in the workspace when it was opened; nil for a new destination.
    public var originalName: String?
    public var draft: DestinationConfig
    /// The destination as the workspace holds it.
    public var openedDraft: DestinationConfig
    public var selected = 0
    /// A list opened over the form for the type or the region.
    public var picker: DestinationPicker?
    /// Why the last value was refused.
    public var message: String?
    /// True while Esc asks whether to drop the changed draft.
    public var confirmingDiscard = false
    /// For each of the draft's profile spaces, its name in the workspace (nil for a space added
    /// here): what a rename is carried over from to the mappings, however spaces were removed or
    /// added around it.
    public var spaceOrigins: [String?]

    public init(originalName: String?, draft: DestinationConfig) {
        self.originalName = originalName
        self.draft = draft
        self.openedDraft = draft
        self.spaceOrigins = draft.profileSpaces.map(\.name)
    }

    /// The profile spaces renamed in the draft: each one's name in the workspace and its new name.
    public var renamedSpaces: [(old: String, new: String)] {
        zip(spaceOrigins, draft.profileSpaces).compactMap { origin, space in
            origin.flatMap { $0 == space.name ? nil : ($0, space.name) }
        }
    }

    /// The profile space the selected row belongs to.
    public var selectedSpace: Int? {
        switch rows[safe: selected] {
        case .spaceName(let index)?, .spaceWriteKey(let index)?: return index
        default: return nil
        }
    }

    public var hasChanges: Bool { draft != openedDraft || originalName == nil }

    /// The form's rows for the draft as it is: a Segment Connections destination has one write
    /// key, a Segment Profiles destination one per profile space.
    public var rows: [DestinationRow] {
        var rows: [DestinationRow] = [.name, .type, .enabled, .region, .endpoint]
        if draft.type == DestinationConfig.profilesType {
            rows += draft.profileSpaces.indices.flatMap { [DestinationRow.spaceName($0), .spaceWriteKey($0)] }
            rows.append(.addSpace)
        } else {
            rows.append(.writeKey)
        }
        return rows
    }
}

/// A row of the destination form.
public enum DestinationRow: Sendable, Hashable {
    case name, type, enabled, region, endpoint, writeKey
    /// The name, or the write-key variable, of the profile space at this index.
    case spaceName(Int)
    case spaceWriteKey(Int)
    case addSpace

    /// The prompt's label for a row set by typing.
    public var promptLabel: String {
        switch self {
        case .name: return "Destination name: "
        case .endpoint: return "Endpoint URL (empty: the region's Tracking API): "
        case .writeKey, .spaceWriteKey: return "Write key variable NAME (the key stays in the environment): "
        case .spaceName, .addSpace: return "Profile space name: "
        case .type, .enabled, .region: return ""
        }
    }
}

/// The lists the destination form opens.
public enum DestinationPicker: Sendable, Equatable {
    case type(selected: Int)
    case region(selected: Int)
}
