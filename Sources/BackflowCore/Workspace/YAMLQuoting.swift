import Yams

/// How Backflow writes scalars into YAML: plainly when that reads back as the same string under both
/// YAML 1.1 (which libyaml-based tools use) and the 1.2 core schema, double-quoted otherwise.
enum YAMLQuoting {
    /// A string as a double-quoted YAML scalar, escaping what YAML does not allow raw.
    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += escaped(scalar)
                }
            }
        }
        return output + "\""
    }

    /// A string as a block-context scalar: plain when safe, double-quoted otherwise.
    static func scalar(_ text: String) -> String {
        isSafePlain(text) ? text : quoted(text)
    }

    /// Plain in block context: no indicator first, no `: ` or ` #` inside, nothing at the ends that
    /// YAML would trim, and no other reading than a string in either schema.
    static func isSafePlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard !"-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first), last != " ", last != ":", first != " " else { return false }
        guard text.unicodeScalars.allSatisfy({ $0 != "\t" && $0 != "\n" && $0 != "\r" && isPrintable($0) && $0 != "\u{85}" })
        else { return false }
        guard !text.contains(": "), !text.contains(" #") else { return false }
        guard case .string = YAMLCoreSchema.resolvePlain(text) else { return false }
        return Resolver.default.resolveTag(of: Node(text)) == .str
    }

    /// YAML's printable set (c-printable), less the byte-order mark.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF:
            return true
        default:
            return false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        if scalar.value > 0xFFFF {
            let hex = String(scalar.value, radix: 16)
            return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
