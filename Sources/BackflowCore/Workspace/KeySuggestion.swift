/// Finds the name a user probably meant, for "did you mean" hints.
public enum KeySuggestion {
    /// The closest candidate within two edits, preferring the first of equally close ones.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= 2, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs), right = Array(rhs)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }

    /// `; did you mean "x"?`, or `; defined <noun>: a, b`, or `; no <noun> are defined`.
    public static func hint(for word: String, among candidates: [String], noun: String) -> String {
        if let match = closest(to: word, among: candidates) { return "; did you mean \(YAMLQuoting.quoted(match))?" }
        if candidates.isEmpty { return "; no \(noun) are defined" }
        return "; defined \(noun): " + candidates.joined(separator: ", ")
    }
}
