import Foundation

/// What of a libpq connection string may be shown to a user: everything but its passwords.
///
/// libpq accepts two forms, and both can carry a password (`password`, or `sslpassword` for the client
/// key): a URL (`postgresql://` or `postgres://`) in its user info or as a query parameter, either
/// possibly percent-encoded, and a keyword/value string (`host=db password=secret`, values optionally
/// single-quoted with `\'` and `\\` escapes, spaces allowed around `=`). This type parses both as libpq
/// does (`conninfo_parse` and `conninfo_uri_parse` in libpq's fe-connect.c).
enum PostgresURL {
    /// Keywords whose values are secrets.
    static let secretKeywords: Set<String> = ["password", "sslpassword"]

    private static let mask = "***"

    /// The connection string with every password replaced by `***`, so that a message can name the
    /// server it could not reach. Past a keyword/value string's first malformed part everything is
    /// masked, since what follows could be a password libpq failed to read.
    static func redacted(_ conninfo: String) -> String {
        var text = conninfo
        for span in secretSpans(in: conninfo).reversed() {
            text.replaceSubrange(span.range, with: mask)
        }
        return text
    }

    /// The passwords a connection string spells, as written and as libpq reads them (percent-decoded,
    /// unquoted), to scrub from any text libpq returns.
    static func secrets(in conninfo: String) -> [String] {
        let secrets = secretSpans(in: conninfo).flatMap { [String(conninfo[$0.range]), $0.value] }
        return Array(Set(secrets.filter { !$0.isEmpty }))
    }

    /// `text` with every secret of `conninfo` replaced by `***`.
    static func scrub(_ text: String, secretsOf conninfo: String) -> String {
        secrets(in: conninfo).sorted { $0.count > $1.count }.reduce(text) {
            $0.replacingOccurrences(of: $1, with: mask)
        }
    }

    // MARK: Parsing

    /// Where a secret is written, and the value libpq reads from there.
    private struct SecretSpan {
        let range: Range<String.Index>
        let value: String
    }

    private static func secretSpans(in conninfo: String) -> [SecretSpan] {
        let isURL = ["postgresql://", "postgres://"].contains { conninfo.lowercased().hasPrefix($0) }
        return isURL ? urlSecretSpans(in: conninfo) : keywordSecretSpans(in: conninfo)
    }

    /// The user info's password and every `password=` / `sslpassword=` query parameter, whose keyword
    /// libpq percent-decodes too.
    private static func urlSecretSpans(in url: String) -> [SecretSpan] {
        guard let scheme = url.range(of: "://") else { return [] }
        var spans: [SecretSpan] = []
        let rest = url[scheme.upperBound...]
        let authority = rest[..<(rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex)]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            let range = authority.index(after: colon)..<at
            spans.append(SecretSpan(range: range, value: decoded(url[range])))
        }
        guard let query = url.firstIndex(of: "?") else { return spans }
        let end = url[query...].firstIndex(of: "#") ?? url.endIndex
        var start = url.index(after: query)
        while start < end {
            let stop = url[start..<end].firstIndex(of: "&") ?? end
            let parameter = url[start..<stop]
            if let equals = parameter.firstIndex(of: "="),
                secretKeywords.contains(decoded(parameter[..<equals]).lowercased())
            {
                let range = url.index(after: equals)..<stop
                spans.append(SecretSpan(range: range, value: decoded(url[range])))
            }
            start = stop < end ? url.index(after: stop) : end
        }
        return spans
    }

    /// The values of secret keywords in a `key = value` string; when the string is malformed (a
    /// keyword without `=`), everything from there on.
    private static func keywordSecretSpans(in conninfo: String) -> [SecretSpan] {
        var spans: [SecretSpan] = []
        var index = conninfo.startIndex
        func skipWhitespace() {
            while index < conninfo.endIndex, conninfo[index].isWhitespace { index = conninfo.index(after: index) }
        }
        while true {
            skipWhitespace()
            guard index < conninfo.endIndex else { return spans }
            let keyStart = index
            while index < conninfo.endIndex, !conninfo[index].isWhitespace, conninfo[index] != "=" {
                index = conninfo.index(after: index)
            }
            let keyword = conninfo[keyStart..<index].lowercased()
            skipWhitespace()
            guard index < conninfo.endIndex, conninfo[index] == "=" else {
                spans.append(SecretSpan(range: keyStart..<conninfo.endIndex, value: ""))
                return spans
            }
            index = conninfo.index(after: index)
            skipWhitespace()
            let valueStart = index
            let value = readValue(conninfo, &index)
            if secretKeywords.contains(keyword) {
                spans.append(SecretSpan(range: valueStart..<index, value: value))
            }
        }
    }

    /// A keyword/value string's value from `index`: single-quoted up to the closing quote, or up to
    /// the next whitespace; a backslash makes the next character literal in both.
    private static func readValue(_ conninfo: String, _ index: inout String.Index) -> String {
        var value = ""
        let quoted = index < conninfo.endIndex && conninfo[index] == "'"
        if quoted { index = conninfo.index(after: index) }
        while index < conninfo.endIndex {
            let character = conninfo[index]
            index = conninfo.index(after: index)
            if character == "\\", index < conninfo.endIndex {
                value.append(conninfo[index])
                index = conninfo.index(after: index)
            } else if quoted ? character == "'" : character.isWhitespace {
                if !quoted { index = conninfo.index(before: index) }
                return value
            } else {
                value.append(character)
            }
        }
        return value
    }

    private static func decoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
