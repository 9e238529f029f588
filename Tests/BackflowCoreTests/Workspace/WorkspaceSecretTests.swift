import Testing
@testable import BackflowCore

@Suite struct WorkspaceSecretTests {
    private let literalKey = "hFq2k9TzXbLw3RmP7sVn4YcJd8GeA1Uo"

    private func destination(_ line: String) -> String {
        """
        version: 1
        destinations:
          connections:
            type: actions-segment
        \(line)

        """
    }

    @Test func refusesALiteralWriteKey() {
        expectDiagnostics(destination("    write_key: \(literalKey)"), [
            "backflow.yml:5:5: destinations.connections.write_key: write keys are never stored in backflow.yml: "
                + "put the key in an environment variable and name it with write_key_env",
        ])
    }

    @Test func refusesAWriteKeyPastedWhereAVariableNameBelongs() {
        expectDiagnostics(destination("    write_key_env: \(literalKey)"), [
            "backflow.yml:5:20: destinations.connections.write_key_env: write_key_env must be the NAME of an environment variable, "
                + "but this value looks like a write key itself; put the write key in an environment variable and write that variable's name here"
        ])
    }

    @Test func refusesALiteralWriteKeyInAProfileSpace() {
        let text = """
            version: 1
            destinations:
              profiles:
                type: actions-segment-profiles
                profile_spaces:
                  main:
                    write_key: \(literalKey)

            """
        let error = #expect(throws: WorkspaceLoadError.self) { try WorkspaceLoader.load(text: text) }
        #expect(error?.diagnostics.map(\.keyPath).contains("destinations.profiles.profile_spaces.main.write_key") == true)
    }

    @Test func refusesAConnectionURLWrittenInPlaceOfItsVariable() {
        let text = """
            version: 1
            sources:
              prod:
                type: postgres
                url_env: postgres://admin:s3cret@db.internal/prod

            """
        let error = #expect(throws: WorkspaceLoadError.self) { try WorkspaceLoader.load(text: text) }
        #expect(error?.diagnostics.map(\.location.line) == [5])
        #expect(error?.description.contains("s3cret") == false)
    }

    @Test func neverRepeatsTheSecretInDiagnostics() {
        for line in ["    write_key: \(literalKey)", "    write_key_env: \(literalKey)"] {
            let error = #expect(throws: WorkspaceLoadError.self) { try WorkspaceLoader.load(text: destination(line)) }
            #expect(error.map { !$0.description.contains(literalKey) } == true)
        }
    }

    @Test func acceptsAVariableName() throws {
        let workspace = try WorkspaceLoader.load(text: destination("    write_key_env: SEGMENT_WRITE_KEY"))
        #expect(workspace.destinations[0].writeKey == .environment("SEGMENT_WRITE_KEY"))
    }

    @Test func resolvesAReferenceFromTheEnvironment() throws {
        let reference = SecretReference.environment("SEGMENT_WRITE_KEY")
        #expect(try reference.resolve(environment: ["SEGMENT_WRITE_KEY": literalKey]) == literalKey)
    }

    @Test func aMissingVariableErrorNamesTheVariable() {
        let reference = SecretReference.environment("SEGMENT_WRITE_KEY")
        let error = #expect(throws: SecretResolutionError.self) { try reference.resolve(environment: ["OTHER": literalKey]) }
        #expect(error == SecretResolutionError(variableName: "SEGMENT_WRITE_KEY", problem: .notSet))
        #expect(error?.description == "the environment variable SEGMENT_WRITE_KEY is not set; export it with the secret before running Backflow")
    }

    @Test func anEmptyVariableIsAnError() {
        let error = #expect(throws: SecretResolutionError.self) {
            try SecretReference.environment("SEGMENT_WRITE_KEY").resolve(environment: ["SEGMENT_WRITE_KEY": "  "])
        }
        #expect(error?.problem == .empty)
    }

    @Test func aReferenceDescribesItsVariableNotItsValue() {
        #expect(SecretReference.environment("SEGMENT_WRITE_KEY").description == "environment variable SEGMENT_WRITE_KEY")
    }

    @Test func masksAllButTheFirstTwoCharacters() {
        #expect(SecretMask.mask(literalKey) == "hF••••")
        #expect(SecretMask.mask("abcd") == "••••")
        #expect(SecretMask.mask("") == "••••")
    }
}
