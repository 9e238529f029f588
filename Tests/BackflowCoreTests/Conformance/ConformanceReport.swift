/// The conformance run as a table: per action and per tag, how many cases agree with Segment, and how
/// many fall under each named gap.
struct ConformanceReport {
    let text: String

    init(run: ConformanceRun) {
        var lines = ["conformance to Segment: \(Self.summary(run.results))", "per action:"]
        let byAction = Dictionary(grouping: run.results) { "\($0.testCase.destination).\($0.testCase.action)" }
        for action in byAction.keys.sorted() {
            lines.append("  \(action): \(Self.summary(byAction[action] ?? []))")
        }
        lines.append("per tag:")
        var byTag: [String: [ConformanceRun.Result]] = [:]
        for result in run.results {
            for tag in result.testCase.tags { byTag[tag, default: []].append(result) }
        }
        for tag in byTag.keys.sorted() {
            lines.append("  \(tag): \(Self.summary(byTag[tag] ?? []))")
        }
        text = lines.joined(separator: "\n")
    }

    private static func summary(_ results: [ConformanceRun.Result]) -> String {
        let counts = Dictionary(grouping: results, by: \.verdict).mapValues(\.count)
        let named: [(ConformanceRun.Verdict, String)] = [
            (.documentedDifference, "deliberate"), (.undocumentedDifference, "deliberate-not-reproduced"),
            (.disagrees, "FAIL"),
        ]
        let details = named.compactMap { verdict, name in counts[verdict].map { "\(name) \($0)" } }
        return "\(counts[.agrees] ?? 0)/\(results.count) agree" + (details.isEmpty ? "" : ", " + details.joined(separator: ", "))
    }
}
