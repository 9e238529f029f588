import Testing

@testable import BackflowCore
@testable import BackflowTUI

/// The `:` command line: reading it, completing it with Tab, and what each command does.
@Suite("TUI command line")
struct TUICommandLineTests {
    private func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { state.update(.key($0)) }
    }

    /// `:`, `text`, then Enter.
    private func run(_ text: String, on state: inout AppState) -> [Effect] {
        press([.character(":"), .paste(text), .enter], on: &state)
    }

    @Test func commandsAreReadWithTheRestOfTheLineAsTheirArgument() throws {
        #expect(try CommandLineText.parse("w") == .write)
        #expect(try CommandLineText.parse(" q ") == .quit)
        #expect(try CommandLineText.parse("q!") == .quitDiscarding)
        #expect(try CommandLineText.parse("wq") == .writeAndQuit)
        #expect(try CommandLineText.parse("sync Identify users") == .sync("Identify users"))
        #expect(try CommandLineText.parse("reset  Track orders ") == .reset("Track orders"))
        #expect(try CommandLineText.parse("test") == .test(nil))
        #expect(try CommandLineText.parse("test usr_3") == .test("usr_3"))
        #expect(try CommandLineText.parse("help") == .help)
    }

    @Test func anUnknownCommandIsRefusedWithTheListOfCommands() {
        #expect(throws: CommandLineError.self) { try CommandLineText.parse("frobnicate") }
        do {
            _ = try CommandLineText.parse("frob")
        } catch {
            #expect(error.description.hasPrefix("unknown command :frob (commands: :w, :q"))
        }
    }

    @Test func syncWithoutANameSaysWhatItNeeds() {
        #expect(throws: CommandLineError(description: ":sync needs a mapping's name (Tab completes it)")) {
            try CommandLineText.parse("sync")
        }
    }

    @Test func tabCompletesACommandAndTheSpaceBeforeItsMapping() {
        #expect(CommandLineText.complete("sy", mappings: []).text == "sync ")
        #expect(CommandLineText.complete("he", mappings: []).text == "help")
    }

    @Test func tabCompletesAMappingNameIgnoringCase() {
        let names = ["Identify users", "Track orders", "Archive users"]
        #expect(CommandLineText.complete("sync ide", mappings: names).text == "sync Identify users")
    }

    @Test func tabWithSeveralCandidatesCompletesWhatTheyShareAndListsThem() {
        let completed = CommandLineText.complete("reset Track", mappings: ["Track orders", "Track deleted users"])
        #expect(completed.text == "reset Track ")
        #expect(completed.candidates == ["Track orders", "Track deleted users"])
    }

    @Test func tabInTheCommandLineCompletesItAndListsCandidatesInTheStatusLine() throws {
        var state = try TUIFixture.state()
        _ = press([.character(":"), .character("s"), .tab, .character("I"), .tab], on: &state)
        #expect(state.prompt?.text == "sync Identify users")
        #expect(state.prompt?.cursor == "sync Identify users".count)
        _ = press([.control("u"), .paste("test "), .tab], on: &state)
        #expect(state.prompt?.completions == ["Identify users", "Track orders", "Archive users"])
        let status = AppView.render(state, width: 80, height: 24).text.components(separatedBy: "\n")[23]
        #expect(status == " Identify users  Track orders  Archive users")
    }

    @Test func colonWSaves() throws {
        var state = try TUIFixture.state()
        _ = press([.character(" ")], on: &state)
        #expect(run("w", on: &state) == [.save(state.workspace)])
    }

    @Test func colonQQuitsAndAsksFirstWithUnsavedEdits() throws {
        var clean = try TUIFixture.state()
        _ = run("q", on: &clean)
        #expect(clean.shouldQuit)
        var edited = try TUIFixture.state()
        _ = press([.character(" ")], on: &edited)
        _ = run("q", on: &edited)
        #expect(!edited.shouldQuit)
        #expect(edited.confirmingQuit)
        _ = press([.escape], on: &edited)
        _ = run("q!", on: &edited)
        #expect(edited.shouldQuit)
    }

    @Test func colonSyncStartsTheNamedMappingOnTheSyncsScreen() throws {
        var state = try TUIFixture.state()
        let effects = run("sync track orders", on: &state)
        #expect(state.screen == .syncs)
        #expect(effects == [.loadHistory, .startSync(mappings: ["Track orders"])])
    }

    @Test func colonSyncOfAnUnknownMappingSaysSo() throws {
        var state = try TUIFixture.state()
        #expect(run("sync Nope", on: &state).isEmpty)
        #expect(state.notice?.text == "no mapping named Nope (Tab completes names)")
    }

    @Test func colonResetAsksFirst() throws {
        var state = try TUIFixture.state()
        _ = run("reset Identify users", on: &state)
        #expect(state.confirmation == .reset(mapping: "Identify users"))
    }

    @Test func colonTestWithARecordIdTestsTheSelectedMappingOnIt() throws {
        var state = try TUIFixture.state()
        let effects = run("test usr_007", on: &state)
        #expect(state.screen == .testMapping)
        #expect(effects == [.testMapping(mapping: "Identify users", recordID: "usr_007")])
    }

    @Test func colonTestWithAMappingsNameTestsThatMapping() throws {
        var state = try TUIFixture.state()
        let effects = run("test Track orders", on: &state)
        #expect(state.test.selectedMapping == 1)
        #expect(effects == [.testMapping(mapping: "Track orders", recordID: nil)])
    }

    @Test func colonHelpShowsTheKeys() throws {
        var state = try TUIFixture.state()
        _ = run("help", on: &state)
        #expect(state.showingHelp)
    }

    @Test func anUnknownCommandLeavesAnErrorNotice() throws {
        var state = try TUIFixture.state()
        _ = run("frob", on: &state)
        #expect(state.notice?.role == .error)
        #expect(state.notice?.text.hasPrefix("unknown command :frob") == true)
    }

    @Test func commandLineWithCandidatesAt80x24() throws {
        var state = try TUIFixture.state()
        _ = press([.character(":"), .paste("sync "), .tab], on: &state)
        try GoldenScreen.expect(AppView.render(state, width: 80, height: 24), named: "command-line-80x24")
    }
}
