/// One problem Test Mapping found, with the stage of Segment's pipeline that reported it.
public struct MappingProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Stage: String, Sendable {
        /// The mapping itself is malformed, or a directive failed at run time.
        case mapping
        /// The resolved values do not fit the action's field schema.
        case schema
        /// The action's own rules (user or anonymous id, subscription rules).
        case action
        /// The message breaks a Tracking API limit.
        case limit
    }

    public let stage: Stage
    /// The field key the problem concerns, when there is one.
    public let field: String?
    /// Segment's exact text where Segment has one.
    public let message: String

    public init(stage: Stage, field: String?, message: String) {
        self.stage = stage
        self.field = field
        self.message = message
    }

    public var description: String {
        field.map { "\($0): \(message)" } ?? message
    }
}

/// What Test Mapping shows for one record: what the mapping saw, what it resolved to, and either the
/// exact Tracking API message or every problem that stops it.
public struct MappingTestResult: Sendable {
    public let event: JSONObject
    public let payload: JSONObject?
    public let message: JSONObject?
    public let problems: [MappingProblem]
    /// The message's compact JSON text, as the action's size check wrote it.
    let messageBytes: [UInt8]?

    init(
        event: JSONObject, payload: JSONObject?, message: JSONObject?, problems: [MappingProblem],
        messageBytes: [UInt8]? = nil
    ) {
        self.event = event
        self.payload = payload
        self.message = message
        self.problems = problems
        self.messageBytes = messageBytes
    }

    public var isValid: Bool { problems.isEmpty && message != nil }
}

/// Segment's Test Mapping: resolve a mapping against a record's event, validate it as the action
/// would, and build the message it would send. Nothing is sent; nothing is read or written.
public enum MappingTester {
    public static func test(
        fields: JSONObject, action: Action, of destination: Destination, syncNulls: Bool = true,
        event: JSONObject
    ) -> MappingTestResult {
        test(
            mapping: Result { () throws(MappingError) in try PreparedMapping(fields) }, action: action, of: destination,
            syncNulls: syncNulls, event: event)
    }

    /// Test Mapping with a mapping prepared once for many records.
    public static func test(
        mapping: Result<PreparedMapping, MappingError>, action: Action, of destination: Destination,
        syncNulls: Bool = true, event: JSONObject
    ) -> MappingTestResult {
        var payload: JSONObject
        do {
            payload = try mapping.get().transform(data: event)
        } catch {
            return MappingTestResult(event: event, payload: nil, message: nil, problems: problems(from: error))
        }
        if !syncNulls { payload = NullPruning.removingNulls(from: payload) }
        switch ActionRunner.runEncoding(action, of: destination, payload: payload) {
        case .success(let message):
            return MappingTestResult(
                event: event, payload: payload, message: message.object, problems: [], messageBytes: message.bytes)
        case .failure(let failure):
            let problems = failure.errors.map { error in
                MappingProblem(stage: stage(of: error), field: error.field, message: error.message)
            }
            return MappingTestResult(event: event, payload: payload, message: nil, problems: problems)
        }
    }

    static func problems(from error: MappingError) -> [MappingProblem] {
        switch error {
        case .invalidMapping(let issues):
            return issues.map { issue in
                MappingProblem(stage: .mapping, field: issue.path.first, message: issue.description)
            }
        case .runtime(let message):
            return [MappingProblem(stage: .mapping, field: nil, message: message)]
        }
    }

    private static func stage(of error: ActionError) -> MappingProblem.Stage {
        switch error.kind {
        case .schema: return .schema
        case .rule: return .action
        case .limit: return .limit
        }
    }
}

/// "Sync null values" switched off: optional fields that resolve to `null` are left out instead
/// of being sent as `null`.
enum NullPruning {
    static func removingNulls(from object: JSONObject) -> JSONObject {
        JSONObject(object.entries.compactMap { entry -> (String, JSONValue)? in
            switch entry.value {
            case .null: return nil
            case .object(let nested): return (entry.key, .object(removingNulls(from: nested)))
            default: return (entry.key, entry.value)
            }
        })
    }
}
