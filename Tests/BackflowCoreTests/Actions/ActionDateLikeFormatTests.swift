import Testing
@testable import BackflowCore

@Suite struct ActionDateLikeFormatTests {
    @Test(arguments: [
        "1700000000", "1700000000000", "-86400", "1.5", "2022", "2022-11-01", "2022/11/01 10:00",
        "2022-11-01T10:00:00", "2022-11-01T10:00:00.123", "2022-11-01T10:00:00Z", "2022-11-01T10:00:00.5Z",
        "2022-11-01T10:00:00+01:00", "2022-11-01 10:00:00Z", "+002022-11-01T10:00:00Z",
        "Tue, 01 Nov 2022 10:00:00 GMT", "01 Nov 2022 10:00 +0100", "Nov 1, 2022", "November 1 2022 10:00 pm",
        "Tue Nov 01 2022 10:00:00 GMT+0100 (Central European Standard Time)",
    ])
    func acceptsDateLikeText(_ text: String) {
        #expect(DateLikeFormat.isValid(text))
    }

    @Test(arguments: [
        "Hello", "", "NaN", "1e400", "2022-13-01T10:00:00Z", "2022-11-01T25:00:00Z", "01 Foo 2022",
        "Hello, 01 Nov 2022", "10000000000000000", "2022-11-01T10:00:00 nonsense",
    ])
    func refusesOtherText(_ text: String) {
        #expect(!DateLikeFormat.isValid(text))
    }
}

@Suite struct ActionMultipleFieldValidationTests {
    private let tags = ActionField(key: "tags", label: "Tags", description: "Tags.", type: .string, isMultiple: true)

    @Test func singleValueIsWrappedInAnArray() {
        let outcome = PayloadValidator.validate(["tags": "a"], fields: [tags])
        #expect(outcome.errors.isEmpty)
        #expect(outcome.payload == ["tags": ["a"]])
    }

    @Test func elementsAreCoercedAndReportedByPointer() {
        let outcome = PayloadValidator.validate(["tags": [1, ["x": 1]]], fields: [tags])
        #expect(outcome.errors == [ActionError(
            .schema, field: "tags", message: "The value at /tags/1 must be a string but it was an object.")])
    }

    @Test func nullElementsArePruned() {
        #expect(EmptyValuePruner.prune(["tags": ["a", nil, ""]], fields: [tags]) == ["tags": ["a", ""]])
    }
}
