import Foundation
import Testing
@testable import BackflowCore

@Suite struct JSONTests {
    @Test func keepsObjectKeyOrderThroughAParseAndWrite() throws {
        let text = #"{"b":1,"a":[true,null,"x"],"c":{"z":1.5,"y":-2}}"#
        #expect(JSONWriter.compact(try JSONReader.parse(text)) == text)
    }

    @Test func writesNumbersAsJavaScriptDoes() {
        #expect(JSONWriter.formatNumber(1) == "1")
        #expect(JSONWriter.formatNumber(0.1 + 0.2) == "0.30000000000000004")
        #expect(JSONWriter.formatNumber(1e21) == "1e+21")
        #expect(JSONWriter.formatNumber(1e-7) == "1e-7")
        #expect(JSONWriter.formatNumber(-0.5) == "-0.5")
        #expect(JSONWriter.formatNumber(.nan) == "null")
    }

    /// Every layout of ECMAScript's Number::toString, as JavaScript prints these numbers.
    @Test func writesEveryNumberLayoutAsJavaScriptDoes() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (-1, "-1"), (123.456, "123.456"), (-123.456, "-123.456"), (100.5, "100.5"),
            (0.1, "0.1"), (1e20, "100000000000000000000"), (1.2345e20, "123450000000000000000"),
            (1.5e21, "1.5e+21"), (0.000001, "0.000001"), (0.0000025, "0.0000025"), (1.5e-7, "1.5e-7"),
            (1.23e-18, "1.23e-18"), (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9_007_199_254_740_994, "9007199254740994"), (2.5e25, "2.5e+25"), (-2.5e-25, "-2.5e-25"),
            (.infinity, "Infinity"), (-.infinity, "-Infinity"), (.nan, "NaN"),
        ]
        for (number, text) in cases {
            #expect(JavaScriptNumberText.string(number) == text, "\(number)")
        }
    }

    /// Written in place, a number goes after what the output already holds; and any double's text reads
    /// back as the same double, with the shortest digits and an exponent only outside 1e-6 ..< 1e21.
    @Test func writesNumbersInPlaceWithTheirShortestDigits() {
        var output = Array("x:".utf8)
        JavaScriptNumberText.write(-2.5e-7, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "x:-2.5e-7")

        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let number = Double(bitPattern: generator.next())
            guard number.isFinite else { continue }
            let text = JavaScriptNumberText.string(number)
            #expect(Double(text) == number, "\(text) for \(number)")
            let magnitude = number.magnitude
            #expect(text.contains("e") == (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)), "\(text)")
            let digits = text.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
            let swiftDigits = magnitude.description.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
            #expect(
                digits.reversed().drop { $0 == "0" }.count == swiftDigits.reversed().drop { $0 == "0" }.count,
                "\(text) has other digits than \(magnitude.description)")
        }
    }

    /// Numbers between 1e-6 and 1e21, which JavaScript writes without an exponent (amounts of money
    /// most of all): plain digits, the shortest that read back as the number, no zero at either end
    /// but the one before a point.
    @Test func writesPlainNumbersAsJavaScriptDoes() {
        var generator = SystemRandomNumberGenerator()
        for index in 0..<50_000 {
            let scale = Double.random(in: -6...21, using: &generator).rounded(.down)
            let number =
                index.isMultiple(of: 2)
                ? Double(Int.random(in: -10_000_000...10_000_000, using: &generator)) / 100
                : Double.random(in: 1...10, using: &generator) * pow(10, scale)
            guard number.magnitude >= 1e-6, number.magnitude < 1e21 else { continue }
            let text = JavaScriptNumberText.string(number)
            #expect(Double(text) == number && !text.contains("e"), "\(text) for \(number)")
            let unsigned = text.drop { $0 == "-" }
            #expect(!unsigned.hasPrefix("0") || unsigned == "0" || unsigned.hasPrefix("0."), "\(text)")
            #expect(!text.contains(".") || !text.hasSuffix("0"), "\(text)")
            let digits = text.filter(\.isNumber).drop { $0 == "0" }.reversed().drop { $0 == "0" }
            let shortest = number.magnitude.description.prefix { $0 != "e" }.filter(\.isNumber).drop { $0 == "0" }
                .reversed().drop { $0 == "0" }
            #expect(digits.count == shortest.count, "\(text) has other digits than \(number.magnitude.description)")
        }
        for (number, text) in [(0.1, "0.1"), (123.45, "123.45"), (-0.0001, "-0.0001"), (0.00001, "0.00001"),
                               (1e-6, "0.000001"), (1.5e-7, "1.5e-7"), (4503599627370495.5, "4503599627370495.5"),
                               (1e20 + 65536, "100000000000000070000"), (1e21, "1e+21"), (99.99, "99.99")] {
            #expect(JavaScriptNumberText.string(number) == text, "\(number)")
        }
    }

    @Test func keepsLargeIntegersExact() throws {
        #expect(try JSONReader.parse("9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(JSONWriter.compact(.integer(9_007_199_254_740_993)) == "9007199254740993")
    }

    /// Every digit count and sign, the extremes included, as Swift prints the integer.
    @Test func writesIntegersAsTheirDecimalText() {
        var integers: [Int64] = [0, -1, 9, 10, -10, .max, .min, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            integers += [power - 1, power, -power, -(power - 1)]
        }
        var generator = SystemRandomNumberGenerator()
        integers += (0..<2_000).map { _ in Int64.random(in: .min ... .max, using: &generator) }
        for integer in integers {
            var output: [UInt8] = Array("x".utf8)
            JSONWriter.writeInteger(integer, into: &output)
            #expect(output == Array("x\(integer)".utf8))
        }
    }

    @Test func escapesStringsAsJSONStringify() throws {
        #expect(JSONWriter.compact("a\"b\\c\n\u{01}é/") == #""a\"b\\c\n\u0001é/""#)
        #expect(try JSONReader.parse(#""\ud83d\ude00 \u00e9""#) == "😀 é")
    }

    /// The writer passes over plain text 8 bytes at a time: an escape or a multi-byte character at any
    /// position of a long string, near a word's edges included, is still written as JSON.stringify would.
    @Test func escapesAtEveryPositionOfLongStrings() {
        func reference(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case _ where scalar.value < 0x20: out += "\\u00" + String(scalar.value, radix: 16).leftPadded(to: 2)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é", "😀", " ", "\u{7F}"] {
            for length in 0...24 {
                for position in 0...length {
                    var characters = Array(repeating: "a", count: length)
                    characters.insert(special, at: position)
                    let text = characters.joined()
                    #expect(JSONWriter.compact(.string(text)) == reference(text))
                }
            }
        }
    }

    @Test func readsIntegersExactlyWhateverTheirLength() throws {
        #expect(try JSONReader.parse("-0") == .integer(0))
        #expect(try JSONReader.parse("999999999999999999") == .integer(999_999_999_999_999_999))
        #expect(try JSONReader.parse("-9223372036854775808") == .integer(.min))
        #expect(try JSONReader.parse("9223372036854775808") == .number(9_223_372_036_854_775_808))
    }

    @Test func decodesEscapesBetweenRawText() throws {
        #expect(try JSONReader.parse(#""a\tb\u00e9c\/\"""#) == "a\tbéc/\"")
        #expect(try JSONReader.parse(bytes: [0x22, 0xE2, 0x82, 0x5C, 0x6E, 0x22]) == "\u{FFFD}\n")
        #expect(throws: JSONParseError(offset: 4, reason: "invalid escape in string")) { try JSONReader.parse(#""a\x""#) }
    }

    @Test func prettyPrintsWithTwoSpaces() {
        let value: JSONValue = ["a": [1, 2], "b": [:]]
        #expect(JSONWriter.pretty(value) == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}")
    }

    @Test func rejectsMalformedTextWithAnOffset() {
        #expect(throws: JSONParseError.self) { try JSONReader.parse(#"{"a":}"#) }
        #expect(throws: JSONParseError.self) { try JSONReader.parse("[1,2") }
        #expect(throws: JSONParseError.self) { try JSONReader.parse("1 2") }
    }

    /// JavaScript tells property names apart by code units; Swift's `==` would equate the canonically
    /// equivalent spellings of "é", and did in small objects only before the index hashed bytes.
    @Test(arguments: [2, 20]) func tellsKeysApartByTheirBytesInSmallAndLargeObjects(size: Int) {
        let precomposed = "\u{E9}", decomposed = "e\u{301}", kelvin = "\u{212A}"
        var object = JSONObject((0..<size - 2).map { ("key\($0)", JSONValue.integer(Int64($0))) })
        object[precomposed] = 1
        object[decomposed] = 2
        object[kelvin] = 3
        #expect(object.count == size + 1)
        #expect(object[precomposed] == 1)
        #expect(object[decomposed] == 2)
        #expect(object[kelvin] == 3)
        #expect(object["K"] == nil)
        object[decomposed] = nil
        #expect(object[precomposed] == 1)
        #expect(object[decomposed] == nil)
        #expect(object.count == size)
    }

    /// Keys are compared by their bytes whatever the strings' storage: inline (up to 15 bytes), in a
    /// buffer, or in a buffer though short (a string that reserved room).
    @Test(arguments: [2, 20]) func findsAKeyHoweverItsTextWasMade(size: Int) {
        for key in ["email", "lifetime_value1", "lifetime_value12", "caf\u{E9}", "a\u{0}b", ""] {
            var reserved = String()
            reserved.reserveCapacity(64)
            reserved += key
            let spellings = [
                key, String(decoding: Array(key.utf8), as: UTF8.self), String(Substring(key)),
                String(key.prefix(1)) + String(key.dropFirst()), reserved,
            ]
            for stored in spellings {
                var object = JSONObject((0..<size - 1).map { ("other\($0)", JSONValue.integer(Int64($0))) })
                object[stored] = "found"
                for lookedUp in spellings { #expect(object[lookedUp] == "found", "\(key.debugDescription)") }
                #expect(object[key + "\u{0}"] == nil)
                #expect(object[key + "x"] == nil)
                #expect(object[String(key.dropLast())] == (key.isEmpty ? "found" : nil))
            }
        }
    }

    /// A row built through its model's layout is the object the columns would make one by one: array
    /// indices first, a repeated name at its first place with its last value, keys found in a wide row.
    @Test(arguments: [4, 30]) func buildsARowThroughItsLayoutAsColumnByColumn(width: Int) {
        let names = ["id", "7", "email", "email", "2"] + (0..<width).map { "trait\($0)" }
        let values = names.indices.map { JSONValue.integer(Int64($0 * 10)) }
        let layout = JSONObject.RowLayout(columns: names)
        var row = JSONObject(layout: layout) { values[$0] }
        let oneByOne = JSONObject(zip(names, values))
        #expect(row.keys == oneByOne.keys)
        #expect(row.entries.map(\.value) == oneByOne.entries.map(\.value))
        #expect(row.keys.prefix(3) == ["2", "7", "id"])
        #expect(row["email"] == .integer(30))
        #expect(row["trait\(width - 1)"] == values.last)
        row["added"] = true
        row["email"] = nil
        #expect(row["added"] == true)
        #expect(row["email"] == nil)
        #expect(row["trait0"] == .integer(50))
        #expect(JSONObject(layout: layout) { values[$0] }["email"] == .integer(30))
    }

    @Test func integersAndDoublesCompareNumerically() {
        #expect(JSONValue.integer(2) == JSONValue.number(2.0))
        #expect(Set<JSONValue>([.integer(2), .number(2.0)]).count == 1)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
