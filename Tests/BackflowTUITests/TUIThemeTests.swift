import Foundation
import Testing

@testable import BackflowTUI

@Suite("TUI themes")
struct TUIThemeTests {
    static let shipped = ["default", "light", "high-contrast", "monochrome"]

    @Test(arguments: shipped)
    func shippedThemeLoadsAndStylesEveryRoleItNames(_ name: String) throws {
        let theme = try ThemeFile.load(path: TUIFixture.themesFolder + "/\(name).yml")
        #expect(theme.name == name)
        #expect(theme.styles[.selection] != nil)
        #expect(theme.styles[.statusBar] != nil)
    }

    @Test func colouredThemesStyleEveryRole() throws {
        for name in ["default", "light", "high-contrast"] {
            let theme = try ThemeFile.load(path: TUIFixture.themesFolder + "/\(name).yml")
            #expect(Set(theme.styles.keys) == Set(UIRole.allCases), "\(name)")
        }
    }

    @Test func monochromeFileUsesNoColour() throws {
        let theme = try ThemeFile.load(path: TUIFixture.themesFolder + "/monochrome.yml")
        #expect(theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(theme == Theme.builtInMonochrome)
    }

    @Test func noColorForcesMonochromeOverTheRequestedTheme() throws {
        let locator = ThemeLocator(
            workspacePath: TUIFixture.workspacePath, environment: ["NO_COLOR": "1", "BACKFLOW_THEMES": TUIFixture.themesFolder],
            executablePath: "/nonexistent/backflow")
        #expect(try locator.theme(requested: "light", workspaceSetting: nil).name == "monochrome")
    }

    @Test func requestedThemeWinsOverTheWorkspaceSetting() throws {
        let locator = ThemeLocator(
            workspacePath: TUIFixture.workspacePath, environment: ["BACKFLOW_THEMES": TUIFixture.themesFolder],
            executablePath: "/nonexistent/backflow")
        #expect(try locator.theme(requested: "light", workspaceSetting: "high-contrast").name == "light")
        #expect(try locator.theme(requested: nil, workspaceSetting: "high-contrast").name == "high-contrast")
        #expect(try locator.theme(requested: nil, workspaceSetting: nil).name == "default")
    }

    @Test func unknownThemeNameListsWhereItLooked() {
        let locator = ThemeLocator(workspacePath: "/tmp/x/backflow.yml", environment: [:], executablePath: "/nonexistent/bin/backflow")
        #expect(throws: ThemeError.self) { try locator.load(named: "solarized") }
    }

    @Test func unknownRoleIsAnErrorNamingIt() {
        #expect(throws: ThemeError.invalid(path: "t.yml", reason: "unknown role \"titel\" (roles: \(UIRole.allCases.map(\.rawValue).joined(separator: ", ")))")) {
            try ThemeFile.parse("roles:\n  titel: { bold: true }\n", path: "t.yml")
        }
    }

    @Test func unknownColourIsAnErrorNamingTheEntry() throws {
        do {
            _ = try ThemeFile.parse("roles:\n  title: { fg: purple }\n", path: "t.yml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("roles.title.fg: \"purple\" is not a colour"))
        }
    }

    @Test func colourNamesParse() {
        #expect(ThemeColor(name: "default") == .terminalDefault)
        #expect(ThemeColor(name: "red") == .index(1))
        #expect(ThemeColor(name: "bright-red") == .index(9))
        #expect(ThemeColor(name: "244") == .index(244))
        #expect(ThemeColor(name: "256") == nil)
    }
}

@Suite("TUI themes: fallback")
struct TUIThemeFallbackTests {
    @Test func withoutAnyThemeFilesTheDefaultFallsBackToBuiltInMonochrome() throws {
        let locator = ThemeLocator(
            workspacePath: "/nonexistent/w/backflow.yml", environment: [:], executablePath: "/nonexistent/bin/backflow")
        #expect(try locator.theme(requested: nil, workspaceSetting: nil) == Theme.builtInMonochrome)
    }
}
