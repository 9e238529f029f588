import BackflowCore

/// The payload panes: which one has the keys, what it shows, and what its keys do.
extension AppState {
    /// The kind of pane that has the keys: a payload pane on Test Mapping (after `o`) and on the
    /// Syncs screen (`o` to an open run's payload), a list everywhere else.
    public var focusedPane: PaneKind {
        switch screen {
        case .testMapping where test.pane != .mappings: return .payload
        case .syncs where syncs.panel == .payload: return .payload
        case .models where models.openRow != nil: return .payload
        default: return .list
        }
    }

    /// The body of the screen: between the tabs and the notice and status lines.
    var body: Rect { AppView.body(width: screenWidth, height: screenHeight) }

    /// The current screen's payload and the area its lines are drawn in; nil when it shows none.
    var shownPayload: (document: PayloadDocument, pane: Rect)? {
        if editor != nil { return formPreviewPayload }
        switch screen {
        case .testMapping:
            guard let outcome = test.outcome.value else { return nil }
            let layout = TestMappingView.layout(self, in: body)
            return test.pane == .record
                ? (TestMappingView.recordDocument(outcome), PayloadView.contentArea(of: layout.record))
                : (PayloadView.document(for: outcome), PayloadView.contentArea(of: layout.message))
        case .syncs:
            guard let failure = syncs.selectedFailureRecord,
                let rect = SyncsView.layout(self, in: body).payload
            else { return nil }
            return (PayloadView.document(for: failure), PayloadView.contentArea(of: rect))
        case .models:
            guard let row = models.openRow, let preview = models.preview.value, let record = preview.records[safe: row]
            else { return nil }
            let rect = ModelBrowserView.layout(in: body).detail
            return (ModelBrowserView.document(for: record, columns: preview.columns), PayloadView.contentArea(of: rect))
        case .overview:
            return nil
        }
    }

    /// The viewer of the current screen's payload pane.
    private var viewerPath: WritableKeyPath<AppState, PayloadViewerState> {
        if editor != nil { return \.formPreviewViewer }
        switch screen {
        case .syncs: return \.syncs.viewer
        case .models: return \.models.rowViewer
        case .testMapping where test.pane == .record: return \.test.recordViewer
        default: return \.test.viewer
        }
    }

    /// A command while a payload pane has the keys: scroll, search, copy, page.
    mutating func payloadCommand(_ command: Command) -> [Effect] {
        guard let (document, pane) = shownPayload else { return [] }
        let path = viewerPath
        switch command {
        case .filter:
            prompt = TextPrompt(purpose: .search, text: self[keyPath: path].search)
        case .searchNext, .searchPrevious:
            notice = self[keyPath: path].findNext(forward: command == .searchNext, in: document, pane: pane)
        case .copyPayload:
            guard !document.text.isEmpty else {
                notice = Notice("no payload to copy", role: .warning)
                return []
            }
            let bytes = document.text.utf8.count
            notice = Notice("copied the payload (\(bytes) bytes) to the clipboard", role: .success)
            return [.terminal(.copy(document.text))]
        case .openInPager:
            guard !document.text.isEmpty else {
                notice = Notice("no payload to page", role: .warning)
                return []
            }
            return [.terminal(.page(document.text))]
        default:
            self[keyPath: path].apply(command, to: document, in: pane)
        }
        return []
    }

    /// The search prompt's text changed: look for it from the top of the view as it is typed.
    mutating func searchTyped(_ text: String) {
        guard let (document, pane) = shownPayload else { return }
        let path = viewerPath
        self[keyPath: path].search = text
        self[keyPath: path].currentMatch = nil
        guard !text.isEmpty else { return }
        notice = self[keyPath: path].findNext(forward: true, in: document, pane: pane)
    }

    /// A new payload replaces the old one: its view starts at the top, keeping the wrap setting
    /// and the search.
    mutating func resetViewer(_ path: WritableKeyPath<AppState, PayloadViewerState>) {
        self[keyPath: path].firstLine = 0
        self[keyPath: path].firstColumn = 0
        self[keyPath: path].currentMatch = nil
    }
}

extension Command {
    /// Whether a payload pane that has the keys takes the command rather than its screen.
    var actsOnPayload: Bool {
        switch self {
        case .moveUp, .moveDown, .pageUp, .pageDown, .halfPageUp, .halfPageDown, .moveToTop, .moveToBottom,
            .moveLeft, .moveRight, .toggleWrap, .searchNext, .searchPrevious, .copyPayload, .openInPager, .filter:
            return true
        default:
            return false
        }
    }
}
