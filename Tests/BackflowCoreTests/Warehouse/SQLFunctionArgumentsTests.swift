import Testing

@testable import BackflowCore

@Suite("SQL function arguments")
struct SQLFunctionArgumentsTests {
    /// What a raw function writes for its arguments, beside the compact JSON of the converted values.
    private func written(_ arguments: String) throws -> (direct: String?, converted: String?) {
        let connection = try SQLiteConnection(path: ":memory:", mode: .readWriteCreate)
        try connection.defineRawFunction(named: "direct", argumentCount: -1, deterministic: true) { arguments in
            var bytes: [UInt8] = []
            for index in 0..<arguments.count { arguments.writeJSON(at: index, into: &bytes) }
            return String(decoding: bytes, as: UTF8.self)
        }
        try connection.defineRawFunction(named: "converted", argumentCount: -1, deterministic: true) { arguments in
            arguments.values.map(JSONWriter.compact).joined()
        }
        let statement = try connection.prepare("SELECT direct(\(arguments)), converted(\(arguments))")
        #expect(try statement.step())
        let row = statement.row()
        return (row[0].stringValue, row[1].stringValue)
    }

    @Test func writesEveryStorageClassAsTheConvertedValueIsWritten() throws {
        let result = try written(
            "42, -9223372036854775808, 0, -7.25, 1e300, 3.0, 'plain', 'tab\tquote\"back\\\\', "
                + "char(1), 'héllo', NULL, x'00FF10', ''")
        #expect(result.direct != nil)
        #expect(result.direct == result.converted)
    }
}
