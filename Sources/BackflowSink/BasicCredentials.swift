import Foundation

/// The write key in an `Authorization: Basic base64(writeKey:)` header.
enum BasicCredentials {
    enum Outcome: Equatable {
        case absent
        case malformed
        case writeKey(String)
    }

    static func writeKey(fromAuthorization header: String?) -> Outcome {
        guard let header else { return .absent }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8)
        else { return .malformed }
        let user = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return .writeKey(user)
    }
}
