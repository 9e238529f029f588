import Foundation
import Testing
@testable import BackflowCore

@Suite struct ActionDateLikeFormatTests {
    /// One verdict of Segment's own `date-like` check (Node.js 20, `TZ=UTC`), from the conformance corpus.
    struct SegmentVerdict: Decodable, CustomTestStringConvertible {
        let `case`: String
        let text: String
        let dateLike: Bool

        var testDescription: String { "\(self.case): \(text.debugDescription)" }
    }

    /// The Profiles `timestamp` texts of the conformance corpus (`../shared/conformance/cases`) and whether
    /// Segment found each date-like: the cases whose timestamp is a column's text, one per distinct text.
    static let segmentVerdicts: [SegmentVerdict] = {
        guard
            let url = Bundle.module.url(
                forResource: "segment-verdicts", withExtension: "jsonl", subdirectory: "Fixtures/date-like"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(SegmentVerdict.self, from: Data($0.utf8))
        }
    }()

    @Test func theCorpusVerdictsAreAllRead() {
        #expect(Self.segmentVerdicts.count == 380)
    }

    @Test(arguments: segmentVerdicts)
    func agreesWithSegmentOnTheCorpus(_ verdict: SegmentVerdict) {
        #expect(DateLikeFormat.isValid(verdict.text) == verdict.dateLike)
    }

    @Test(arguments: [
        "2024-05-02 10:00:00+00", "2024-05-02 10:00:00.123456+02", "2024-05-02 10:00:00+05:30",
        "2024-05-02 10:00:00 UTC", "2024-05-02 10:00:00.000 -0700", "2024-05-02T10:00:00+0000",
        "2024-05-02 10:00:00", "2024-05-02",
    ])
    func acceptsWarehouseTimestampText(_ text: String) {
        #expect(DateLikeFormat.isValid(text))
    }

    @Test(arguments: ["05/02/2024", "May 2024", "Thursday, May 2, 2024 10:00 PM", "2 May 2024 10:00 GMT+2", "5/2"])
    func acceptsTheJavaScriptDateConstructorsLegacyForms(_ text: String) {
        #expect(DateLikeFormat.isValid(text))
    }

    @Test(arguments: ["2023-02-29", "0000-00-00", "2024-05-02 24:00:00+00", "2024-13-45 99:99:99"])
    func acceptsOutOfRangePartsThatRollOver(_ text: String) {
        #expect(DateLikeFormat.isValid(text))
    }

    @Test(arguments: ["0", "-42", "1714644000", "1714644000000", "0.5", "1e-7"])
    func readsCanonicalNumbersAsUnixSeconds(_ text: String) {
        #expect(DateLikeFormat.isValid(text))
    }

    @Test func aDateMustStayInsideJavaScriptsDateRange() {
        #expect(DateLikeFormat.isValid("+275760-09-13T00:00:00Z"))
        #expect(!DateLikeFormat.isValid("+275760-09-13T00:00:00.001Z"))
        #expect(DateLikeFormat.isValid("8640000000000"))
        #expect(!DateLikeFormat.isValid("8640000000001"))
    }

    @Test(arguments: [
        "", "Hello", "t", "true", "NaN", "Infinity", "infinity", "10:00:00", "2024-05-02 BC", "1.7146440E9",
        "2024-05-02 10:00:60+00", "2024-05-02T10:00:00+00", "2024-05-02T25:00:00Z", "2024-05-02T10:00:00 x",
        "01 Foo 2024",
    ])
    func refusesWhatSegmentRefuses(_ text: String) {
        #expect(!DateLikeFormat.isValid(text))
    }
}
