/// The text forms of workspace and mapping ids.
enum IdentityText {
    static let maximumLength = 64

    /// 1 to 64 of ASCII letters, digits, `_`, `-` and `.`, starting with a letter or digit.
    static func isValid(_ text: String, minimumLength: Int = 1) -> Bool {
        let bytes = Array(text.utf8)
        guard (minimumLength...maximumLength).contains(bytes.count), let first = bytes.first, isAlphanumeric(first)
        else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// A mapping's id: any text a name could be (an id-less mapping's name is its identity, and README
    /// tells users to pin it as the id before renaming), 1 to 200 characters, none of them control
    /// characters, not only spaces.
    static func isValidMappingID(_ text: String) -> Bool {
        (1...200).contains(text.count) && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
            && !text.allSatisfy(\.isWhitespace)
    }

    /// `prefix` and `count` random characters of lowercase base32 (`a-z`, `2-7`): 5 bits each, from the
    /// system's cryptographic generator.
    static func random(prefix: String, count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        return prefix + String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt8(32)))] })
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
