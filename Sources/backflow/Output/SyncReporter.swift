import BackflowCore
import Foundation

/// Shows a sync as it runs: a live line redrawn in place on a terminal, plain lines otherwise, and
/// nothing but the final JSON with `--json`. Progress goes to standard error, results to standard
/// output.
final class SyncReporter: Sendable {
    let console: Console
    let json: Bool
    let live: Bool
    private let lastPlainLine = LastLine()

    init(console: Console, json: Bool, live: Bool) {
        self.console = console
        self.json = json
        self.live = live
    }

    func report(_ event: SyncEvent) {
        if case .notice(let text) = event { return note(text) }
        guard !json else { return }
        switch event {
        case .progress(let progress):
            if live {
                let width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 120
                write("\r\u{1B}[2K" + SyncProgressLine.render(progress, width: width))
            } else if lastPlainLine.shouldPrint(progress) {
                write(SyncProgressLine.render(progress, width: 200) + "\n")
            }
        case .retrying(let mapping, let retry):
            let status = retry.status.map { "HTTP \($0)" } ?? "no answer"
            let line = "\(mapping): retrying \(retry.messageCount) messages (attempt \(retry.attempt), \(status)) in \(retry.delay)"
            write((live ? "\r\u{1B}[2K" : "") + console.style(line, .warning) + "\n")
        case .finished:
            if live { write("\r\u{1B}[2K") }
        case .notice:
            break
        }
    }

    /// A line the user should read whatever the output mode, on standard error.
    func note(_ text: String) {
        write((live ? "\r\u{1B}[2K" : "") + console.style("note: " + text, .warning) + "\n")
    }

    func summarize(_ results: [SyncResult], dryRun: Bool) {
        if json {
            console.printJSON(.array(results.map(\.document)))
            return
        }
        for result in results {
            let progress = result.progress
            let counts = progress.counts
            let status: String
            if result.interrupted, let error = result.error {
                status = console.style(error, .warning)
            } else if let error = result.error {
                status = console.style("failed: \(error)", .failure)
            } else if progress.failed > 0 {
                status = console.style(result.run?.statusText ?? "failed records", progress.delivered > 0 ? .warning : .failure)
            } else {
                status = console.style(dryRun ? "dry run" : "success", .success)
            }
            let verb = dryRun ? "built" : "delivered"
            console.print(
                "\(console.style(result.mapping, .heading))  \(status)  extracted \(counts.extracted) (+\(counts.added) ~\(counts.updated) -\(counts.deleted))  \(verb) \(dryRun ? progress.sent : progress.delivered)  failed \(progress.failed)  skipped \(progress.skipped)  \(SyncProgressLine.duration(progress.elapsed))"
                    + (result.run.map { console.style("  run \($0.id)", .muted) } ?? ""))
            for error in result.errors.prefix(5) {
                console.print("  \(error.recordID)  \(error.reason)")
            }
            if result.errors.count > 5 || progress.failed > result.errors.count {
                let more = max(progress.failed, result.errors.count) - 5
                console.print(console.style("  … \(more) more: backflow runs show \(result.run?.id ?? 0)", .muted))
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Without a terminal, a progress line is printed when the phase changes or every five seconds.
private final class LastLine: @unchecked Sendable {
    // Guarded by `lock`: events may come from the sync thread and from the delivery task.
    private let lock = NSLock()
    private var phase: SyncPhase?
    private var mapping: String?
    private var elapsed: Double = 0

    func shouldPrint(_ progress: SyncProgress) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard progress.phase != phase || progress.mapping != mapping || progress.elapsed - elapsed >= 5 else {
            return false
        }
        (phase, mapping, elapsed) = (progress.phase, progress.mapping, progress.elapsed)
        return true
    }
}

extension SyncResult {
    var document: JSONValue {
        var object: JSONObject = [
            "mapping": .string(mapping),
            "status": .string(run?.statusText ?? (error == nil ? "dry run" : "failed")),
            "run": run.map { .integer($0.id) } ?? .null,
            "extracted": .integer(Int64(progress.counts.extracted)),
            "added": .integer(Int64(progress.counts.added)),
            "updated": .integer(Int64(progress.counts.updated)),
            "deleted": .integer(Int64(progress.counts.deleted)),
            "sent": .integer(Int64(progress.sent)),
            "delivered": .integer(Int64(progress.delivered)),
            "failed": .integer(Int64(progress.failed)),
            "skipped": .integer(Int64(progress.skipped)),
            "expired": .integer(Int64(expired.count)),
            "seconds": .number(progress.elapsed),
        ]
        object["error"] = error.map(JSONValue.string)
        object["error_code"] = errorCode.map { .string($0.rawValue) }
        object["interrupted"] = .bool(interrupted)
        object["errors"] = .array(errors.map(\.document))
        return .object(object)
    }
}

extension RunRecordError {
    var document: JSONValue {
        .object([
            "record": .string(recordID),
            "change": .string(change.rawValue),
            "reason": .string(reason),
            "code": code.map { .string($0.rawValue) } ?? .null,
            "sample_payload": samplePayload ?? .null,
        ])
    }
}
