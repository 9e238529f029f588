import BackflowSink
import Foundation
import Testing
@testable import BackflowCore

/// The corpus through the sync's message path: each suite's rows in a real SQLite warehouse, each
/// suite's mapping synced to the in-process receiver over HTTP, and the bytes the sync sent compared
/// with Segment's message (Test Mapping's own for a deliberate difference), the message id aside: a
/// sync's ids are its own (the corpus README says where they go). A record the sync fails must fail
/// with Segment's error texts. Cases the sync cannot run are counted by reason.
@Suite(.serialized) struct ConformanceSyncTests {
    /// Connections and Profiles suites synced per workspace: a destination holds up to 50 mappings.
    static let suitesPerDestination = Catalog.maximumMappingsPerDestination

    @Test func everyCaseASyncCanRunSendsTestMappingsBytesOrFailsWithItsErrors() async throws {
        guard let run = ConformanceRun.shared else { return print(ConformanceRun.missingCorpusMessage) }
        let (suites, excluded) = try ConformanceSyncSuite.suites(of: run)
        let warehouse = try ConformanceSyncWarehouse(suites: suites)
        defer { warehouse.remove() }
        let sink = SinkServer(configuration: SinkConfiguration(port: 0))
        let port = try await sink.start()
        let transport = RecordingTransport()
        var options = SyncOptions()
        options.maximumStoredErrors = suites.map(\.cases.count).max() ?? 0

        var disagreements: [String] = []
        var checked: [ConformanceRun.Result] = []
        let connections = suites.filter { $0.destination == .connections }
        let profiles = suites.filter { $0.destination == .profiles }
        for start in stride(from: 0, to: max(connections.count, profiles.count), by: Self.suitesPerDestination) {
            let chunk = [connections, profiles].flatMap { $0.dropFirst(start).prefix(Self.suitesPerDestination) }
            let session = try warehouse.session(for: chunk, port: port)
            let engine = SyncEngine(session: session, transport: transport, environment: session.environment)
            for suite in chunk {
                let mapping = try session.mapping(named: suite.name)
                if suite.change != .added {
                    // The rows as they were: their first sync is a change the mapping does not send.
                    try warehouse.fill(suite, with: suite.rowsBefore)
                    _ = await engine.sync(mapping, options: options, events: { _ in })
                    _ = transport.takeMessages()
                }
                try warehouse.fill(suite, with: suite.rows)
                let result = await engine.sync(mapping, options: options, events: { _ in })
                disagreements += Self.disagreements(of: suite, result: result, sent: transport.takeMessages())
                checked += suite.cases
            }
        }
        try await sink.stop()

        print(Self.report(checked: checked, excluded: excluded, total: run.results.count))
        for disagreement in disagreements.prefix(25) { Issue.record(Comment(rawValue: disagreement)) }
        #expect(disagreements.isEmpty)
        #expect(checked.count > run.results.count / 2)
    }

    // MARK: Judging one suite's sync

    static func disagreements(of suite: ConformanceSyncSuite, result: SyncResult, sent: [String]) -> [String] {
        if let error = result.error { return ["\(suite.name): the sync failed as a whole: \(error)"] }
        var found: [String] = []
        var expectedMessages: [String] = []
        let failures = Dictionary(result.errors.map { ($0.recordID, $0) }, uniquingKeysWith: { first, _ in first })
        for testCase in suite.cases {
            let id = ConformanceSyncSuite.recordID(of: testCase.testCase)
            switch ConformanceSyncSuite.expected(testCase) {
            case .message(let json):
                expectedMessages.append(RecordingTransport.withoutMessageIDs(json))
                if let failure = failures[id] {
                    found.append("\(testCase.testCase.id): the sync failed it (\(failure.reason)), expected \(json)")
                }
            case .failure(let stage, let error, let errors):
                guard let failure = failures[id] else {
                    found.append("\(testCase.testCase.id): the sync did not fail it, expected \(stage): \(error)")
                    continue
                }
                let code: FailureCode = stage == "limit" ? .messageTooLarge : .validation
                if failure.code != code || !failure.reason.containsInOrder(errors ?? [error]) {
                    found.append(
                        "\(testCase.testCase.id): the sync failed it with [\(failure.code?.rawValue ?? "no code")] "
                            + "\(failure.reason), expected \(stage): \(error)")
                }
            }
        }
        let received = sent.map(RecordingTransport.withoutMessageIDs).sorted()
        if received != expectedMessages.sorted() {
            let missing = expectedMessages.filter { !received.contains($0) }
            let extra = received.filter { !expectedMessages.contains($0) }
            found.append(
                "\(suite.name) (\(suite.cases.map(\.testCase.id))): sent other messages than expected\n"
                    + "  expected, not sent: \(missing)\n  sent, not expected: \(extra)")
        }
        return found
    }

    // MARK: Reporting

    /// The cases run, per action and per directive, and the cases left out, per reason.
    static func report(checked: [ConformanceRun.Result], excluded: [ConformanceSyncSuite.Exclusion: Int], total: Int)
        -> String
    {
        var lines = ["conformance through the sync: \(checked.count) of \(total) cases", "per action:"]
        let byAction = Dictionary(grouping: checked) { "\($0.testCase.destination).\($0.testCase.action)" }
        for action in byAction.keys.sorted() { lines.append("  \(action): \(byAction[action]?.count ?? 0)") }
        lines.append("per directive:")
        var byDirective: [String: Int] = [:]
        for result in checked {
            for tag in result.testCase.tags where tag.hasPrefix("directive:") { byDirective[tag, default: 0] += 1 }
        }
        for directive in byDirective.keys.sorted() { lines.append("  \(directive): \(byDirective[directive] ?? 0)") }
        lines.append("not synced:")
        for exclusion in ConformanceSyncSuite.Exclusion.allCases {
            lines.append("  \(excluded[exclusion] ?? 0): \(exclusion.rawValue)")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// Whether `parts` occur in this text one after another, each after the end of the one before.
    fileprivate func containsInOrder(_ parts: [String]) -> Bool {
        var rest = self[...]
        for part in parts {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }
}
