import BackflowCore

/// Something that happened: a key, or the result of work the editor asked for.
public enum AppEvent: Sendable {
    case key(Key)
    case previewLoaded(model: String, Loadable<ModelPreview>)
    case testFinished(Loadable<TestOutcome>)
    case historyLoaded(runs: [SyncRun], lastRuns: [String: SyncRun])
    case runFailuresLoaded(Loadable<RunFailures>)
    case sync(SyncEvent)
    /// The sync could not begin (a mapping that no longer resolves); nothing was sent.
    case syncCouldNotStart(String)
    /// The engine returned: every mapping of the sync finished, or the ones after a stop never started.
    case syncEnded
    /// Background work failed in a way the user should read.
    case problem(String)
    /// The workspace was written to its file.
    case saved(Workspace)
    /// Test Mapping of the mapping editor's draft.
    case draftTested(Loadable<TestOutcome>)
    /// Writing the workspace failed; the message says why. Nothing was changed on disk.
    case saveFailed(String)
    /// The loop was asked to stop (SIGTERM, SIGHUP).
    case terminate
    /// The terminal has this many columns and rows (at start and after every resize).
    case resized(width: Int, height: Int)
    /// Each destination's write-key reference as shown, for the workspace now in use.
    case writeKeysMasked([String: String])
    /// The time now, in seconds since 1970: ages on screen are told from it.
    case clockTicked(Double)
    /// The workspace file was changed by something other than the editor since it was loaded or saved.
    /// `whileSaving`: a save found it, and wrote nothing.
    case fileChangedOutside(whileSaving: Bool)
    /// The workspace as the file now holds it, read again at the user's request.
    case reloaded(Workspace)
    /// What the editor's version would change in the file as it is now, as a unified diff.
    case fileDiff(String)
}

/// Work `update` asks for; the ``EffectRunner`` does it and answers with events.
public enum Effect: Sendable, Equatable {
    /// The model's columns and its first `limit` rows.
    case loadPreview(model: String, limit: Int)
    case testMapping(mapping: String, recordID: String?)
    /// Runs off the UI thread; progress comes back as `.sync` events.
    case startSync(mappings: [String])
    /// Forgets what was delivered for the mapping, then syncs it: every record is sent again as added.
    case resetAndSync(mapping: String)
    /// Stops the running sync cleanly (``SyncInterruption``); `.syncEnded` follows.
    case stopSync
    case loadHistory
    case loadRunFailures(runID: Int64)
    /// Writes the workspace to its file, keeping the file's comments. Unless `overwritingOutsideChanges`,
    /// a file changed outside the editor is not written (`.fileChangedOutside` answers instead).
    case save(Workspace, overwritingOutsideChanges: Bool = false)
    /// Looks whether the file changed outside the editor (a stat, and a read only when it moved).
    case checkWorkspaceFile
    /// Reads the workspace file again.
    case reloadWorkspace
    /// The diff from the file as it is now to what saving `workspace` would write.
    case diffWorkspaceFile(Workspace)
    /// The workspace in memory changed: later tests and syncs use this one.
    case useWorkspace(Workspace)
    /// Test Mapping of `mapping` in a workspace that is not (yet) the editor's: the draft in place.
    case testDraft(workspace: Workspace, mapping: String)
    /// Work only the terminal can do; the loop gives it to the terminal rather than the runner.
    case terminal(TerminalRequest)
}

/// What the editor asks of the terminal itself.
public enum TerminalRequest: Sendable, Equatable {
    /// Put the text on the clipboard with OSC 52, which reaches the user's terminal through ssh and tmux.
    case copy(String)
    /// Show the text in `$PAGER` (`less` when unset), with the editor's screen put away until it quits.
    case page(String)
    /// Stop as a shell job (Ctrl-Z); the screen comes back as it was on `fg`.
    case suspend
}
