import BackflowCore

/// How the sink names a write key wherever it would otherwise have to show it (stored messages,
/// duplicate tracking): the first 16 hex digits of its SHA-256, enough to tell keys apart and no
/// way back to the key.
enum WriteKeyFingerprint {
    static func of(_ writeKey: String) -> String {
        String(SHA256.hex(Array(writeKey.utf8)).prefix(16))
    }
}
