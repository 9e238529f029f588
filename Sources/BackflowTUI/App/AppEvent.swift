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
    /// Background work failed in a way the user should read.
    case problem(String)
    /// The loop was asked to stop (SIGTERM, SIGHUP).
    case terminate
}

/// Work `update` asks for; the ``EffectRunner`` does it and answers with events.
public enum Effect: Sendable, Hashable {
    case loadPreview(model: String)
    case testMapping(mapping: String, recordID: String?)
    /// Runs off the UI thread; progress comes back as `.sync` events.
    case startSync(mappings: [String])
    case loadHistory
    case loadRunFailures(runID: Int64)
}
