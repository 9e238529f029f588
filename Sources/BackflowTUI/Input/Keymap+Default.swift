/// The editor's keys: arrows and vi keys, Tab between screens, `q` and Ctrl-C to quit, Esc back,
/// `?` for help, `g`/`G` and `/` on every list (lazygit's, k9s' and htop's conventions).
extension Keymap {
    public static let standard = Keymap(bindings: [
        KeyBinding([.character("q"), .control("c")], .quit, "quit", "Quit Backflow"),
        KeyBinding([.character("?")], .toggleHelp, "help", "Show or hide this help"),
        KeyBinding(
            [.character(":")], .commandLine, "command",
            "Command line: :w :q :q! :wq :sync NAME :reset NAME :test [NAME|ID] :help (Tab completes)",
            inStatusLine: false),
        KeyBinding([.tab], .nextScreen, "screen", "Go to the next screen"),
        KeyBinding([.backTab], .previousScreen, "previous screen", "Go to the previous screen", inStatusLine: false),
        KeyBinding([.character("1")], .showOverview, "overview", "Show the overview", inStatusLine: false),
        KeyBinding([.character("2")], .showModels, "models", "Show the model browser", inStatusLine: false),
        KeyBinding([.character("3")], .showTestMapping, "test", "Show Test Mapping", inStatusLine: false),
        KeyBinding([.character("4")], .showSyncs, "syncs", "Show syncs and run history", inStatusLine: false),
        KeyBinding([.character("k"), .up], .moveUp, "up", "Move up", inStatusLine: false),
        KeyBinding([.character("j"), .down], .moveDown, "down", "Move down", inStatusLine: false),
        KeyBinding([.pageUp, .control("b")], .pageUp, "page up", "Scroll up a page", inStatusLine: false),
        KeyBinding([.pageDown, .control("f")], .pageDown, "page down", "Scroll down a page", inStatusLine: false),
        KeyBinding([.control("u")], .halfPageUp, "half page up", "Scroll up half a page", inStatusLine: false),
        KeyBinding([.control("d")], .halfPageDown, "half page down", "Scroll down half a page", inStatusLine: false),
        KeyBinding([.character("g"), .home], .moveToTop, "top", "Go to the first item or line", inStatusLine: false),
        KeyBinding([.character("G"), .end], .moveToBottom, "bottom", "Go to the last item or line", inStatusLine: false),
        KeyBinding(
            [.character("/")], .filter, "filter",
            "Filter the focused list; in a payload pane: search"),
        KeyBinding([.control("z")], .suspend, "suspend", "Suspend to the shell (fg comes back)", inStatusLine: false),
        KeyBinding(
            [.character("h"), .left], .moveLeft, "left", "Scroll the table or the unwrapped payload left",
            screens: [.models, .testMapping, .syncs], inStatusLine: false),
        KeyBinding(
            [.character("l"), .right], .moveRight, "right", "Scroll the table or the unwrapped payload right",
            screens: [.models, .testMapping, .syncs], inStatusLine: false),
        KeyBinding(
            [.enter], .select, "open", "Open the selected item (the top row of a model, a run's failed records)",
            screens: [.models, .testMapping, .syncs]),
        KeyBinding(
            [.escape], .back, "back", "Close the open item, clear the filter",
            screens: [.models, .testMapping, .syncs]),
        KeyBinding(
            [.character("o")], .switchPanel, "pane", "Move the keys to the screen's next pane",
            screens: [.overview, .testMapping, .syncs]),
        KeyBinding(
            [.character("r")], .chooseRecord, "record id", "Test another record, by id", screens: [.testMapping]),
        KeyBinding(
            [.character("s")], .syncSelected, "sync", "Sync the selected mapping (from the runs list: the run's)",
            screens: [.syncs]),
        KeyBinding(
            [.character("t")], .retryRun, "retry", "Sync the selected run's mapping again, retrying its failed records",
            screens: [.syncs], inStatusLine: false),
        KeyBinding(
            [.character("R")], .resetMapping, "reset", "Reset the selected mapping (or run's) and send every record again",
            screens: [.syncs], inStatusLine: false),
        KeyBinding([.character("S")], .syncAll, "sync all", "Sync every enabled mapping", screens: [.syncs]),
        KeyBinding(
            [.control("l")], .refresh, "reload", "Reload the run history", screens: [.overview, .syncs],
            inStatusLine: false),
        KeyBinding(
            [.character("p")], .showProblems, "problems",
            "List the problems (file:line, key, message); Enter opens the mapping or destination",
            inStatusLine: false),
        KeyBinding(
            [.character("w"), .control("s")], .save, "save",
            "Save the workspace file (comments are kept; asks first when it has problems)"),
        KeyBinding(
            [.character("u")], .undo, "undo", "Undo the last edit (asks first when the file holds it)",
            inStatusLine: false),
        KeyBinding([.control("r")], .redo, "redo", "Redo the last edit undone", inStatusLine: false),
        KeyBinding(
            [.character("n")], .newMapping, "new", "Add a mapping (in the destinations list: a destination)",
            screens: [.overview]),
        KeyBinding(
            [.character("e"), .enter], .editMapping, "edit",
            "Edit the selected mapping in its form (in the destinations list: the destination)", screens: [.overview]),
        KeyBinding([.character("d")], .deleteMapping, "delete", "Delete the selected mapping (asks first)", screens: [.overview]),
        KeyBinding(
            [.character("c")], .duplicateMapping, "copy", "Duplicate the selected mapping (the copy starts turned off)",
            screens: [.overview], inStatusLine: false),
        KeyBinding(
            [.character(" ")], .toggleEnabled, "on/off", "Enable or disable the selected mapping or destination",
            screens: [.overview]),
        KeyBinding(
            [.character("n")], .searchNext, "next", "Go to the search's next match",
            screens: [.models, .testMapping, .syncs], pane: .payload),
        KeyBinding(
            [.character("N")], .searchPrevious, "previous", "Go to the search's previous match",
            screens: [.models, .testMapping, .syncs], pane: .payload, inStatusLine: false),
        KeyBinding(
            [.character("W")], .toggleWrap, "wrap", "Wrap long lines, or keep them whole and scroll with h/l",
            screens: [.models, .testMapping, .syncs], pane: .payload),
        KeyBinding(
            [.character("y")], .copyPayload, "copy", "Copy the payload to the clipboard (OSC 52)",
            screens: [.models, .testMapping, .syncs], pane: .payload),
        KeyBinding(
            [.character("v")], .openInPager, "pager", "Open the payload in $PAGER (less by default)",
            screens: [.models, .testMapping, .syncs], pane: .payload),
    ])
}

extension Keymap {
    /// The keys of the mapping form (`e` on a mapping) beside the movement keys, `?`, `:`, `w`, `u`
    /// and Ctrl-R, which work there too: each setting row has a key that opens it directly.
    public static let form = Keymap(bindings: [
        KeyBinding([.enter], .select, "set", "Set the selected row"),
        KeyBinding([.character("D")], .setDestination, "destination", "Choose the destination (asks before fields are put aside)"),
        KeyBinding([.character("M")], .setModel, "model", "Choose the model"),
        KeyBinding([.character("A")], .setAction, "action", "Choose the action (asks before fields are put aside)"),
        KeyBinding([.character("R")], .setRecords, "records", "Choose the records sent: added, updated or deleted"),
        KeyBinding([.character("N")], .setName, "name", "Rename the mapping (it keeps its sync state)"),
        KeyBinding([.character("S")], .setSchedule, "schedule", "Set the schedule: manual, an interval or cron"),
        KeyBinding([.character("T")], .setTestRecord, "test record", "Set the record the live preview tests"),
        KeyBinding([.character("Z")], .toggleSyncNulls, "sync nulls", "Send null values or leave them out"),
        KeyBinding([.character("a")], .applyDraft, "apply", "Put the mapping (or destination) into the workspace"),
        KeyBinding(
            [.character("o")], .switchPanel, "preview",
            "Give the keys to the live preview (scroll, / search, y copy, v pager) and back to the rows"),
        KeyBinding(
            [.character("x"), .delete], .removeSelected, "clear/remove",
            "Clear the selected field; on a destination, remove the selected profile space"),
        KeyBinding([.escape], .back, "close", "Close the form (asks before dropping changes)"),
    ])

    /// The keys of a pop-up list (a new mapping's steps, the pickers over the forms) beside the
    /// movement keys: typing filters it (see ``PopupFilter``).
    public static let popupList = Keymap(bindings: [
        KeyBinding([.character("/")], .filter, "filter", "Filter the list; typing any key that does not move starts it too"),
        KeyBinding([.enter], .select, "choose", "Choose the selected row"),
        KeyBinding([.escape], .back, "clear/close", "Clear the filter; with no filter, close the list"),
    ])

    /// The key that `command` has in this keymap, as shown to the user.
    public func key(for command: Command) -> String? {
        bindings.first { $0.command == command }?.keys.first?.description
    }
}

