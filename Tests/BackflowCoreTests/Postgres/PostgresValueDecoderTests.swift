import Testing

@testable import BackflowCore

@Suite("Postgres value decoding")
struct PostgresValueDecoderTests {
    private typealias OID = PostgresValueDecoder.TypeOID

    @Test func integralNumericIsAnInteger() {
        #expect(PostgresValueDecoder.value(of: "42.000", typeOID: OID.numeric) == 42)
    }

    @Test func numericBeyondInt64IsANumber() {
        #expect(PostgresValueDecoder.value(of: "150000000000000000000000", typeOID: OID.numeric)
            == .number(1.5e23))
    }

    @Test func timestamptzWithoutFractionBecomesISO8601() {
        #expect(PostgresValueDecoder.value(of: "2024-05-01 10:30:00+00", typeOID: OID.timestamptz)
            == "2024-05-01T10:30:00Z")
    }

    @Test func infiniteTimestamptzStaysAsPostgresPrintsIt() {
        #expect(PostgresValueDecoder.value(of: "infinity", typeOID: OID.timestamptz) == "infinity")
    }

    @Test func emptyByteaIsEmptyBase64() {
        #expect(PostgresValueDecoder.value(of: "\\x", typeOID: OID.bytea) == "")
    }
}
