import BackflowCore
import Testing

@Suite("HTTP gzip")
struct HTTPGzipTests {
    @Test func compressThenDecompressGivesTheBytesBack() throws {
        let original = Array(String(repeating: "{\"type\":\"identify\",\"userId\":\"u-1\"},", count: 400).utf8)
        let compressed = Gzip.compress(original)
        #expect(compressed.count < original.count / 10)
        #expect(compressed.prefix(2) == [0x1F, 0x8B])
        #expect(try Gzip.decompress(compressed) == original)
    }

    @Test(arguments: ["http://127.0.0.1:8710/v1/batch", "http://localhost/v1/batch", "http://[::1]:8710/v1/batch"])
    func doesNotPayForALoopbackReceiver(url: String) {
        #expect(!BatchRequest.gzipPays(sendingTo: url))
    }

    @Test(arguments: ["https://api.segment.io/v1/batch", "https://10.0.0.5/v1/batch", "https://my-laptop:8443/v1/batch"])
    func paysAcrossANetwork(url: String) {
        #expect(BatchRequest.gzipPays(sendingTo: url))
    }

    @Test func emptyInputRoundTrips() throws {
        #expect(try Gzip.decompress(Gzip.compress([])) == [])
    }

    @Test func decompressStopsAtTheLimit() {
        let compressed = Gzip.compress([UInt8](repeating: 0x61, count: 200_000))
        #expect(throws: GzipError.tooLarge(limit: 100_000)) { try Gzip.decompress(compressed, limit: 100_000) }
    }

    @Test func decompressRefusesBytesThatAreNotGzip() {
        #expect(throws: GzipError.self) { try Gzip.decompress(Array("{\"batch\":[]}".utf8)) }
    }

    @Test func decompressRefusesATruncatedStream() {
        let compressed = Gzip.compress(Array(String(repeating: "abcdef", count: 1000).utf8))
        #expect(throws: GzipError.self) { try Gzip.decompress(Array(compressed.prefix(compressed.count / 2))) }
    }
}
