import Foundation

/// What of a connection URL may be shown to a user: everything but the password.
enum PostgresURL {
    /// The URL with the password of its user info and any `password=` query parameter replaced by
    /// `***`, so that an error message can name the server it could not reach.
    static func redacted(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let authorityEnd = text[scheme.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
            let authority = text[scheme.upperBound..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                text.replaceSubrange(text.index(after: colon)..<at, with: "***")
            }
        }
        guard let query = text.firstIndex(of: "?") else { return text }
        let parameters = text[text.index(after: query)...].split(separator: "&", omittingEmptySubsequences: false)
        let hidden = parameters.map { parameter -> String in
            parameter.lowercased().hasPrefix("password=") ? "password=***" : String(parameter)
        }
        return String(text[...query]) + hidden.joined(separator: "&")
    }

    /// The passwords a URL spells (raw and percent-decoded), to scrub from any text libpq returns.
    static func secrets(in url: String) -> [String] {
        var secrets: [String] = []
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authority = rest[..<(rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex)]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                secrets.append(String(authority[authority.index(after: colon)..<at]))
            }
        }
        if let query = url.firstIndex(of: "?") {
            for parameter in url[url.index(after: query)...].split(separator: "&")
            where parameter.lowercased().hasPrefix("password=") {
                secrets.append(String(parameter.dropFirst("password=".count)))
            }
        }
        let decoded = secrets.compactMap { $0.removingPercentEncoding }
        return Array(Set((secrets + decoded).filter { !$0.isEmpty }))
    }

    /// `text` with every secret of `url` replaced by `***`.
    static func scrub(_ text: String, secretsOf url: String) -> String {
        secrets(in: url).sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: "***")
        }
    }
}
