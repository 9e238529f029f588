extension String {
    /// Calls `body` with the string's UTF-8 bytes where they are stored (a bridged string's are copied
    /// first). `withUTF8` needs a mutable string, so a copy: a retain and a release of the storage,
    /// which on a string another thread made cost more than reading its few bytes. Message ids hash a
    /// record's id and checksum twice each, and messages write many strings, for every record.
    func withStoredUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
