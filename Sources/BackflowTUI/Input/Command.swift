/// Everything a key can ask for. Screens handle commands, never raw keys, so the keymap alone
/// decides which key does what.
public enum Command: String, Sendable, Hashable, CaseIterable {
    case quit
    case toggleHelp
    case commandLine
    case nextScreen
    case previousScreen
    case showOverview
    case showModels
    case showTestMapping
    case showSyncs
    case moveUp
    case moveDown
    case pageUp
    case pageDown
    case halfPageUp
    case halfPageDown
    case moveToTop
    case moveToBottom
    case moveLeft
    case moveRight
    case switchPanel
    case select
    case back
    /// `/`: filter the focused list, or search the payload when it has the keys.
    case filter
    case chooseRecord
    case syncSelected
    case syncAll
    case refresh
    case save
    case undo
    case redo
    case toggleEnabled
    case newMapping
    case editMapping
    case deleteMapping
    case duplicateMapping
    case retryRun
    case resetMapping
    case showProblems
    case setDestination
    case setModel
    case setAction
    case setRecords
    case setName
    case setSchedule
    case setTestRecord
    case toggleSyncNulls
    case applyDraft
    /// `x` on a form: clear the selected field, or remove the selected profile space.
    case removeSelected
    case toggleWrap
    case searchNext
    case searchPrevious
    case copyPayload
    case openInPager
    /// Ctrl-Z: stop the editor as a shell job; `fg` brings it back as it was.
    case suspend
}
