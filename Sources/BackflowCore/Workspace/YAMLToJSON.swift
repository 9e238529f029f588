import Yams

/// Converts mapping-language values written in YAML into ``JSONValue``s, scalars by the core schema.
///
/// YAML aliases can make a small file describe an enormous value, so the conversion stops past a
/// fixed depth and a fixed number of nodes.
struct YAMLToJSON {
    static let maximumDepth = 64
    static let maximumNodes = 100_000

    struct Problem: Error {
        let mark: Mark?
        let message: String

        init(node: Node, message: String) {
            mark = node.mark
            self.message = message
        }
    }

    private var visited = 0

    mutating func convert(_ node: Node) -> Result<JSONValue, Problem> {
        do throws(Problem) {
            return .success(try value(of: node, depth: 0))
        } catch {
            return .failure(error)
        }
    }

    private mutating func value(of node: Node, depth: Int) throws(Problem) -> JSONValue {
        visited += 1
        guard depth < Self.maximumDepth, visited <= Self.maximumNodes else {
            throw Problem(node: node, message: "the value is nested too deeply or is too large")
        }
        switch node {
        case .scalar(let scalar):
            switch YAMLCoreSchema.interpret(scalar) {
            case .success(.null): return .null
            case .success(.bool(let flag)): return .bool(flag)
            case .success(.integer(let number)): return .integer(number)
            case .success(.number(let number)):
                guard number.isFinite else { throw Problem(node: node, message: "\(scalar.string) is not a JSON number") }
                return .number(number)
            case .success(.string(let text)): return .string(text)
            case .failure(let problem): throw Problem(node: node, message: problem.message)
            }
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try value(of: item, depth: depth + 1)) }
            return .array(items)
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, item) in mapping {
                guard let name = key.scalar?.string else {
                    throw Problem(node: key, message: "expected a string key but found \(WorkspaceNodeReader.describe(key))")
                }
                object[name] = try value(of: item, depth: depth + 1)
            }
            return .object(object)
        case .alias:
            throw Problem(node: node, message: "aliases are not supported in field values")
        }
    }
}
