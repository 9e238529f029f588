/// Segment's `get(obj, path)`, the lookup behind `@path`, `@arrayPath` and `@template`.
///
/// It follows JavaScript property access, including its surprises, because mappings written for Segment
/// must read the same values here:
/// - `""` and `"."` are the root; `$` is an ordinary key (callers strip `$.` themselves, see ``stripRootPrefix(_:)``).
/// - The walk is `acc && acc[key]`: a falsy value met on the way (`null`, `0`, `""`, `false`) is returned as is,
///   so `a.b` on `{"a": null}` gives `null`, not undefined.
/// - `length` gives the length of a string or array (in UTF-16 units for strings); a canonical integer key
///   indexes an array or a string.
/// - Other built-in JavaScript properties (`toString`, `constructor`…) are not modelled and read as undefined.
public enum PathLookup {
    /// The value at `path` in `root`, or `nil` (undefined).
    public static func get(_ root: JSONValue, path: String) -> JSONValue? {
        if path.isEmpty || path == "." { return root }
        var current: JSONValue? = root
        for key in components(of: path) {
            guard let value = current, value.isTruthy else { return current }
            current = value.member(key)
        }
        return current
    }

    /// The keys a path walks through.
    ///
    /// Separators are `.`, a `[` followed by a quote or a digit, and a run of `]` preceded by a quote or a digit;
    /// empty pieces are dropped and every `'` and `"` is removed. So `a.b[0].c` is `a, b, 0, c`, `a['b']` is
    /// `a, b`, and `a[b]` stays the single key `a[b]`.
    public static func components(of path: String) -> [String] {
        if let dotted = dottedComponents(of: path) { return dotted }
        let scalars = Array(path.unicodeScalars)
        var pieces: [String] = []
        var piece = String.UnicodeScalarView()
        func finishPiece() {
            let key = String(String.UnicodeScalarView(piece.filter { $0 != "'" && $0 != "\"" }))
            if !key.isEmpty { pieces.append(key) }
            piece = String.UnicodeScalarView()
        }
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "." {
                finishPiece()
                index += 1
            } else if scalar == "[", index + 1 < scalars.count, isQuoteOrDigit(scalars[index + 1]) {
                finishPiece()
                index += 1
            } else if scalar == "]", index > 0, isQuoteOrDigit(scalars[index - 1]) {
                finishPiece()
                while index < scalars.count, scalars[index] == "]" { index += 1 }
            } else {
                piece.append(scalar)
                index += 1
            }
        }
        finishPiece()
        return pieces
    }

    /// The common `properties.email` shape, split on dots byte by byte; nil when the path has brackets
    /// or quotes and needs the full rules.
    private static func dottedComponents(of path: String) -> [String]? {
        let utf8 = path.utf8
        var pieces: [String] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            switch utf8[index] {
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "'"), UInt8(ascii: "\""):
                return nil
            case UInt8(ascii: "."):
                if start != index { pieces.append(String(path[start..<index])) }
                start = utf8.index(after: index)
            default:
                break
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { pieces.append(String(path[start...])) }
        return pieces
    }

    /// `path.replace('$.', '')` as `@path` and `@arrayPath` do it: only the first `$.`, wherever it is.
    public static func stripRootPrefix(_ path: String) -> String {
        if path.utf8.starts(with: "$.".utf8) { return String(path.utf8.dropFirst(2))! }
        if !path.utf8.contains(UInt8(ascii: "$")) { return path }
        let scalars = Array(path.unicodeScalars)
        guard let start = scalars.indices.first(where: { $0 + 1 < scalars.count && scalars[$0] == "$" && scalars[$0 + 1] == "." })
        else { return path }
        var kept = String.UnicodeScalarView(scalars[..<start])
        kept.append(contentsOf: scalars[(start + 2)...])
        return String(kept)
    }

    private static func isQuoteOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\"" || ("0"..."9").contains(scalar)
    }

    /// The array index a property key names in JavaScript: a canonical non-negative integer below 2³²−1.
    static func arrayIndex(_ key: String) -> Int? {
        guard let first = key.utf8.first, key.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if first == 0x30, key.utf8.count > 1 { return nil }
        guard key.utf8.count <= 10, let index = Int(key), index < 4_294_967_295 else { return nil }
        return index
    }

    /// A string's `length` or indexed character, counted in UTF-16 units as JavaScript counts them.
    static func stringMember(_ text: String, _ key: String) -> JSONValue? {
        if key == "length" { return .integer(Int64(text.utf16.count)) }
        guard let index = arrayIndex(key), index < text.utf16.count else { return nil }
        let unit = text.utf16[text.utf16.index(text.utf16.startIndex, offsetBy: index)]
        return .string(String(decoding: [unit], as: UTF16.self))
    }
}

extension JSONValue {
    /// JavaScript's `value[key]` for the properties mappings can reach.
    func member(_ key: String) -> JSONValue? {
        switch self {
        case .object(let object):
            return object[key]
        case .array(let items):
            if key == "length" { return .integer(Int64(items.count)) }
            guard let index = PathLookup.arrayIndex(key), index < items.count else { return nil }
            return items[index]
        case .string(let text):
            return PathLookup.stringMember(text, key)
        case .null, .bool, .integer, .number:
            return nil
        }
    }
}
