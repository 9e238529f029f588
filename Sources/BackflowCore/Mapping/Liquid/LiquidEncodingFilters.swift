/// LiquidJS's HTML, URL, base64 and hash filters, each on its input's text.
enum LiquidEncodingFilters {
    static func apply(_ name: String, _ call: LiquidFilterCallValues, memory: inout LiquidMemory) throws(LiquidError)
        -> LiquidValue?
    {
        let text = call.input.text
        switch name {
        case "escape", "xml_escape":
            try memory.use(text.utf16.count)
            return try result(escapeHTML(text))
        case "escape_once":
            try memory.use(text.utf16.count)
            let unescaped = unescapeHTML(text)
            try memory.use(unescaped.utf16.count)
            return try result(escapeHTML(unescaped))
        case "strip_html":
            try memory.use(text.utf16.count)
            return .string(LiquidHTMLStripper.strip(text))
        case "url_encode":
            return try result(LiquidURIEncoding.encode(text, keeping: LiquidURIEncoding.componentUnreserved, spaceAsPlus: true))
        case "cgi_escape":
            return try result(LiquidURIEncoding.encode(text, keeping: LiquidURIEncoding.cgiUnreserved, spaceAsPlus: true))
        case "uri_escape":
            return try result(LiquidURIEncoding.encode(text, keeping: LiquidURIEncoding.uriUnreserved, spaceAsPlus: false))
        case "url_decode":
            return .string(try LiquidURIEncoding.decodeComponent(text).replacingPluses())
        case "slugify":
            return .string(LiquidSlug.slugify(text, mode: call.argument(0, default: .string("default")), cased: call.isTruthy(1)))
        case "base64_encode":
            return try result(LiquidBase64.encode(Array(text.utf8)))
        case "base64_decode":
            return .string(String(decoding: LiquidBase64.decode(text), as: UTF8.self))
        case "sha256":
            return .string(SHA256.hex(Array(text.utf8)))
        case "hmac_sha256":
            return .string(SHA256.hmacHex(key: Array(call[0].text.utf8), message: Array(text.utf8)))
        default:
            return nil
        }
    }

    private static func result(_ text: String) throws(LiquidError) -> LiquidValue {
        try LiquidMemory.check(length: text.utf16.count)
        return .string(text)
    }

    private static func escapeHTML(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&#34;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    private static let entities: [(String, String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&#34;", "\""), ("&#39;", "'"),
    ]

    private static func unescapeHTML(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        outer: while let first = rest.unicodeScalars.first {
            if first == "&" {
                for (entity, character) in entities where rest.hasPrefix(entity) {
                    output += character
                    rest = rest.dropFirst(entity.count)
                    continue outer
                }
            }
            output.unicodeScalars.append(first)
            rest = Substring(rest.unicodeScalars.dropFirst())
        }
        return output
    }
}

extension String {
    fileprivate func replacingPluses() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "+" ? " " : $0 }))
    }
}

/// `encodeURIComponent`, `encodeURI` and `decodeURIComponent`, which the URL filters are built on.
enum LiquidURIEncoding {
    static let componentUnreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".unicodeScalars)
    /// `cgi_escape` escapes `! ' ( ) *` as well.
    static let cgiUnreserved = componentUnreserved.subtracting("!'()*".unicodeScalars)
    static let uriUnreserved = componentUnreserved.union(";,/?:@&=+$#[]".unicodeScalars)

    static func encode(_ text: String, keeping unreserved: Set<Unicode.Scalar>, spaceAsPlus: Bool) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            if unreserved.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else if spaceAsPlus, scalar == " " {
                output += "+"
            } else {
                for byte in String(scalar).utf8 { output += "%" + hexByte(byte) }
            }
        }
        return output
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }

    /// `decodeURIComponent`: every `%XX` run read as UTF-8; a broken escape or sequence is `URI malformed`.
    static func decodeComponent(_ text: String) throws(LiquidError) -> String {
        let units = Array(text.utf16)
        var output: [UInt16] = []
        var index = 0
        while index < units.count {
            guard units[index] == LiquidCharacter.of("%") else {
                output.append(units[index])
                index += 1
                continue
            }
            let lead = try byte(in: units, at: index)
            index += 3
            guard lead >= 0x80 else {
                output.append(UInt16(lead))
                continue
            }
            let count: Int
            switch lead {
            case 0xC0...0xDF: count = 2
            case 0xE0...0xEF: count = 3
            case 0xF0...0xF7: count = 4
            default: throw malformed
            }
            var bytes = [lead]
            for _ in 1..<count {
                let next = try byte(in: units, at: index)
                guard next & 0xC0 == 0x80 else { throw malformed }
                bytes.append(next)
                index += 3
            }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { throw malformed }
            output.append(contentsOf: String(scalar).utf16)
        }
        return String(decoding: output, as: UTF16.self)
    }

    private static let malformed = LiquidError("URI malformed")

    private static func byte(in units: [UInt16], at index: Int) throws(LiquidError) -> UInt8 {
        guard index + 2 < units.count, units[index] == LiquidCharacter.of("%"),
            let high = LiquidCharacter.hexValue(units[index + 1]), let low = LiquidCharacter.hexValue(units[index + 2])
        else { throw malformed }
        return UInt8(high << 4 | low)
    }
}

/// `slugify: mode, cased`: runs of characters the mode does not keep become one `-`, one `-` is
/// dropped from each end, and the result is lower-cased unless `cased`.
enum LiquidSlug {
    static func slugify(_ text: String, mode: LiquidValue, cased: Bool) -> String {
        var slug = text
        switch mode.plain?.stringValue {
        case "raw"?: slug = replaceRuns(slug) { $0.isJavaScriptWhitespace }
        case "default"?: slug = replaceRuns(slug) { !isLetterMarkOrDigit($0) }
        case "latin"?: slug = replaceRuns(removingAccents(slug)) { !isLetterMarkOrDigit($0) }
        case "pretty"?: slug = replaceRuns(slug) { !isLetterMarkOrDigit($0) && !prettyKept.contains($0) }
        case "ascii"?: slug = replaceRuns(slug) { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        default: break
        }
        return cased ? slug : slug.javaScriptLowercased()
    }

    private static let prettyKept = Set("._~!$&'()+,;=@".unicodeScalars)

    private static func isLetterMarkOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private static func replaceRuns(_ text: String, where replaced: (Unicode.Scalar) -> Bool) -> String {
        var output = String.UnicodeScalarView()
        var inRun = false
        for scalar in text.unicodeScalars {
            if replaced(scalar) {
                if !inRun { output.append("-") }
                inRun = true
            } else {
                output.append(scalar)
                inRun = false
            }
        }
        var slug = String(output)
        if slug.hasPrefix("-") { slug.removeFirst() }
        if slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    private static let accents: [(String, String)] = [
        ("àáâãäå", "a"), ("æ", "ae"), ("ç", "c"), ("èéêë", "e"), ("ìíîï", "i"), ("ð", "d"), ("ñ", "n"),
        ("òóôõöø", "o"), ("ùúûü", "u"), ("ýÿ", "y"), ("ß", "ss"), ("œ", "oe"), ("þ", "th"), ("ẞ", "SS"),
        ("Œ", "OE"), ("Þ", "TH"),
    ]

    private static func removingAccents(_ text: String) -> String {
        var replacements: [Unicode.Scalar: String] = [:]
        for (characters, replacement) in accents {
            for scalar in characters.unicodeScalars { replacements[scalar] = replacement }
        }
        return text.unicodeScalars.map { replacements[$0] ?? String($0) }.joined()
    }
}

/// Base64 as Node's `Buffer` writes and reads it: reading takes both alphabets, skips other characters
/// and stops at padding.
enum LiquidBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = Array(bytes[start..<min(start + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for index in 0..<4 {
                output.append(index <= chunk.count ? alphabet[Int(value >> (18 - 6 * UInt32(index)) & 0x3F)] : UInt8(ascii: "="))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for unit in text.utf8 {
            if unit == UInt8(ascii: "=") { break }
            guard let value = sextet(unit) else { continue }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bytes
    }

    private static func sextet(_ unit: UInt8) -> UInt8? {
        switch unit {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return unit - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return unit - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return unit - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return 62
        case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
