import Foundation

/// What the editor knows of its workspace file: the text it last loaded or wrote. Anything else
/// found there was written by someone else (another editor, `git pull`), and is offered as a
/// reload or a diff before a save could overwrite it.
struct WorkspaceFileWatch {
    let path: String
    /// The file's text as the editor last read or wrote it; nil when it could not be read.
    private var knownText: String?
    /// The file's modification time and size at the last look, so that a look is a stat, not a read.
    private var stamp: [FileAttributeKey: AnyHashable]

    init(path: String) {
        self.path = path
        knownText = try? String(contentsOfFile: path, encoding: .utf8)
        stamp = Self.stamp(of: path)
    }

    /// The text the file holds now when someone other than the editor changed it; nil otherwise.
    func outsideText() -> String? {
        guard let knownText, let text = try? String(contentsOfFile: path, encoding: .utf8), text != knownText else {
            return nil
        }
        return text
    }

    /// Whether the file was changed outside the editor since the last look; each change is told once.
    mutating func changedSinceLastLook() -> Bool {
        let now = Self.stamp(of: path)
        guard now != stamp else { return false }
        stamp = now
        return outsideText() != nil
    }

    /// Records `text` as the file's own, after the editor loaded or wrote it.
    mutating func remember(_ text: String?) {
        knownText = text
        stamp = Self.stamp(of: path)
    }

    private static func stamp(of path: String) -> [FileAttributeKey: AnyHashable] {
        let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
        var stamp: [FileAttributeKey: AnyHashable] = [:]
        for key in [FileAttributeKey.modificationDate, .size] { stamp[key] = attributes[key] as? AnyHashable }
        return stamp
    }
}
