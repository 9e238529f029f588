import Foundation
@testable import BackflowCore

/// Every corpus case run through Test Mapping once, sorted by how its outcome compares with Segment's.
struct ConformanceRun: Sendable {
    /// How one case came out.
    enum Verdict: Sendable, Equatable {
        /// Backflow gives Segment's outcome: the same message bytes, or the same stage and error texts.
        case agrees
        /// A `deliberate:…` difference, behaving as the corpus README documents it.
        case documentedDifference
        /// A `deliberate:…` difference that does not behave as documented.
        case undocumentedDifference
        /// Any other disagreement: a conformance failure.
        case disagrees
    }

    struct Result: Sendable {
        let testCase: ConformanceCase
        let outcome: ConformanceCase.Outcome
        let verdict: Verdict
    }

    let results: [Result]

    /// Nil when the corpus folder is absent.
    static let shared: ConformanceRun? = {
        guard let directory = ConformanceCorpus.directory() else { return nil }
        do {
            return ConformanceRun(results: try ConformanceCorpus.cases(in: directory).map(run))
        } catch {
            fatalError("the conformance corpus at \(directory.path) does not read: \(error)")
        }
    }()

    static let missingCorpusMessage = "../shared/conformance/cases is absent beside the package: conformance not checked"

    func results(_ verdict: Verdict) -> [Result] {
        results.filter { $0.verdict == verdict }
    }

    // MARK: Running one case

    static func run(_ testCase: ConformanceCase) throws -> Result {
        let outcome = try outcome(of: testCase.mapping, for: testCase)
        return Result(testCase: testCase, outcome: outcome, verdict: try verdict(of: testCase, outcome: outcome))
    }

    /// What Test Mapping makes of `mapping` and the case's event, in the corpus' terms. Backflow's own
    /// size limit shows as the stage `limit`, which Segment does not have.
    static func outcome(
        of mapping: JSONObject, for testCase: ConformanceCase, event: JSONObject? = nil
    ) throws -> ConformanceCase.Outcome {
        let event = event ?? testCase.event
        guard let kind = DestinationKind(rawValue: testCase.destination),
            let action = Catalog.destination(kind).action(testCase.action)
        else { throw ConformanceCorpusError.unknownAction(destination: testCase.destination, action: testCase.action) }
        let prepared = Swift.Result { () throws(MappingError) in try PreparedMapping(mapping) }
        switch prepared {
        case .failure(.invalidMapping(let issues)):
            return validationFailure(issues, stage: "mapping-validate")
        case .failure(.runtime(let text)):
            return .failure(stage: "transform", error: text, errors: nil)
        case .success(let resolver):
            do {
                _ = try resolver.transform(data: event)
            } catch .invalidMapping(let issues) {
                return validationFailure(issues, stage: "transform")
            } catch .runtime(let text) {
                return .failure(stage: "transform", error: text, errors: nil)
            }
        }
        let result = MappingTester.test(
            mapping: prepared, action: action, of: Catalog.destination(kind), event: event)
        if result.isValid, let bytes = result.messageBytes {
            return .message(String(decoding: bytes, as: UTF8.self))
        }
        let texts = result.problems.map(\.message)
        switch result.problems.first?.stage {
        case .schema?: return .failure(stage: "schema", error: texts.joined(separator: " "), errors: texts)
        case .action?: return .failure(stage: "perform", error: texts.joined(separator: " "), errors: nil)
        case .limit?: return .failure(stage: "limit", error: texts.joined(separator: " "), errors: nil)
        case .mapping?, nil: return .failure(stage: "transform", error: texts.joined(separator: " "), errors: nil)
        }
    }

    /// mapping-kit's `AggregateError` message: each problem on its own line after `ValidationError: `.
    private static func validationFailure(_ issues: [MappingIssue], stage: String) -> ConformanceCase.Outcome {
        let texts = issues.map(\.description)
        return .failure(
            stage: stage, error: texts.map { "\n    ValidationError: \($0)" }.joined(), errors: texts)
    }

    // MARK: Judging one case

    static func verdict(of testCase: ConformanceCase, outcome: ConformanceCase.Outcome) throws -> Verdict {
        if outcome == testCase.expected { return .agrees }
        if !testCase.deliberateDifferences.isEmpty {
            return try behavesAsDocumented(testCase, outcome: outcome) ? .documentedDifference : .undocumentedDifference
        }
        return .disagrees
    }

    /// Whether the case's deliberate difference shows as the README documents it.
    private static func behavesAsDocumented(_ testCase: ConformanceCase, outcome: ConformanceCase.Outcome) throws -> Bool {
        let tags = Set(testCase.deliberateDifferences)
        if tags.contains("deliberate:message-size-limit") {
            // Segment returns the message; Backflow refuses it with its own size error.
            guard case .failure("limit", let text, _) = outcome else { return false }
            return text.hasPrefix("The message is ")
        }
        if tags == ["deliberate:unknown-field"] {
            // Backflow refuses the key when the workspace loads; without it, the outcome is Segment's.
            guard let kind = DestinationKind(rawValue: testCase.destination),
                let action = Catalog.destination(kind).action(testCase.action)
            else { return false }
            let known = Set(action.fields.map(\.key))
            let unknown = testCase.mapping.keys.filter { !known.contains($0) && $0 != MappingEngine.rootDirectiveKey }
            guard !unknown.isEmpty else { return false }
            let kept = JSONObject(testCase.mapping.entries.filter { !unknown.contains($0.key) })
            return try Self.outcome(of: kept, for: testCase) == testCase.expected
        }
        if tags == ["deliberate:exact-integers"] {
            // With the integers beyond 2^53 rounded to the double JavaScript holds, the outcome is Segment's.
            guard case .object(let mapping) = roundedAsJavaScript(.object(testCase.mapping)),
                case .object(let event) = roundedAsJavaScript(.object(testCase.event))
            else { return false }
            return try Self.outcome(of: mapping, for: testCase, event: event) == testCase.expected
        }
        // The other differences (exact integers, Profile Spaces and equivalent keys checked at load,
        // surrogates, prototypes, `__proto__`) are Backflow's own behaviour by definition.
        return true
    }

    /// `value` with every integer beyond 2^53 replaced by the double JavaScript would hold for it.
    private static func roundedAsJavaScript(_ value: JSONValue) -> JSONValue {
        switch value {
        case .integer(let number) where number.magnitude > 1 << 53: return .number(Double(number))
        case .array(let items): return .array(items.map(roundedAsJavaScript))
        case .object(let object): return .object(JSONObject(object.entries.map { ($0.key, roundedAsJavaScript($0.value)) }))
        default: return value
        }
    }
}
