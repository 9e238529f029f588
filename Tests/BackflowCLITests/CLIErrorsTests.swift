import BackflowCore
import Foundation
import Testing

/// `backflow help errors` and `backflow errors` list every failure code with its meaning and fix,
/// from the codes themselves.
@Suite struct CLIErrorsTests {
    @Test func helpErrorsListsEveryCodeWithItsMeaningAndFix() throws {
        let outcome = try BackflowProcess.run(["help", "errors"])
        #expect(outcome.status == 0)
        // ArgumentParser wraps the help to the terminal's width: compare the words.
        let words = outcome.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for code in FailureCode.allCases {
            let meaning = code.meaning.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let fix = code.fix.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains("\(code.rawValue): \(meaning). Fix: \(fix)."), "\(code.rawValue)")
        }
    }

    @Test func errorsPrintsEachCodeWithItsMeaningAndFix() throws {
        let outcome = try BackflowProcess.run(["errors"])
        #expect(outcome.status == 0)
        for code in FailureCode.allCases {
            #expect(outcome.standardOutput.contains("\(code.rawValue)\n  meaning: \(code.meaning)\n  fix:     \(code.fix)\n"))
        }
    }

    @Test func errorsJSONListsEveryCodeInOrderForScripts() throws {
        let outcome = try BackflowProcess.run(["errors", "--json"])
        #expect(outcome.status == 0)
        let listed = try #require(try JSONReader.parse(outcome.standardOutput).arrayValue)
        #expect(listed.map { $0.objectValue?["code"]?.stringValue } == FailureCode.allCases.map(\.rawValue))
        let unauthorized = try #require(listed.first { $0.objectValue?["code"] == "unauthorized" }?.objectValue)
        #expect(unauthorized["meaning"]?.stringValue == FailureCode.unauthorized.meaning)
        #expect(unauthorized["fix"]?.stringValue == FailureCode.unauthorized.fix)
        #expect(unauthorized["destination_level"] == true)
    }
}
