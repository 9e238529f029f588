import Foundation
import Testing
@testable import BackflowCore

/// A small valid workspace; each test changes one line and expects the diagnostic at that line.
private let base = """
    version: 1
    sources:
      warehouse:
        type: sqlite
        path: w.sqlite
    models:
      users:
        source: warehouse
        id_column: id
        query: SELECT * FROM users
    destinations:
      connections:
        type: actions-segment
        write_key_env: SEGMENT_WRITE_KEY
    mappings:
      - name: Identify users
        destination: connections
        model: users
        action: sendIdentify
        records: added

    """

private func changed(_ old: String, _ new: String) -> String {
    precondition(base.contains(old))
    return base.replacingOccurrences(of: old, with: new)
}

@Suite struct WorkspaceDiagnosticTests {
    @Test func theBaseWorkspaceIsValid() throws {
        #expect(try WorkspaceLoader.load(text: base).mappings.count == 1)
    }

    @Test func reportsBadYAMLSyntaxAtLibyamlsPosition() {
        expectDiagnostics(changed("    path: w.sqlite", "    path: [w.sqlite"), [
            "backflow.yml:6:7: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 5, column 11)"
        ])
    }

    @Test func reportsATabIndentationAsSyntax() {
        expectDiagnostics(changed("    path: w.sqlite", "\tpath: w.sqlite"), [
            "backflow.yml:5:1: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar at line 4, column 11)"
        ])
    }

    @Test func reportsAStringWhereAMappingIsExpected() {
        expectDiagnostics(changed("  warehouse:\n    type: sqlite\n    path: w.sqlite", "  warehouse: sqlite\n\n"), [
            #"backflow.yml:3:14: sources.warehouse: expected a mapping but found "sqlite""#
        ])
    }

    @Test func reportsAMappingWhereAListIsExpected() {
        expectDiagnostics(changed("  - name: Identify users", "  first:\n    name: Identify users"), [
            "backflow.yml:16:3: mappings: expected a list of mappings but found a mapping"
        ])
    }

    @Test func reportsAMissingRequiredKeyAtItsParent() {
        expectDiagnostics(changed("    action: sendIdentify\n", ""), [
            #"backflow.yml:16:5: mappings[0]: missing required key "action""#
        ])
    }

    @Test func reportsAMissingVersion() {
        expectDiagnostics(changed("version: 1\n", ""), [#"backflow.yml:1:1: missing required key "version""#])
    }

    @Test func reportsAnUnsupportedVersion() {
        expectDiagnostics(changed("version: 1", "version: 2"), [
            #"backflow.yml:1:10: version: expected version 1 (the only version this Backflow reads) but found "2""#
        ])
    }

    @Test func suggestsTheKeyAnUnknownKeyResembles() {
        expectDiagnostics(changed("    records: added", "    records: added\n    enabeld: false"), [
            #"backflow.yml:21:5: mappings[0].enabeld: unknown key "enabeld"; did you mean "enabled"?"#
        ])
    }

    @Test func listsTheAllowedKeysForAnUnrelatedUnknownKey() {
        expectDiagnostics(changed("    query: SELECT * FROM users", "    query: SELECT * FROM users\n    owner: data team"), [
            #"backflow.yml:11:5: models.users.owner: unknown key "owner"; expected one of: source, id_column, description, query"#
        ])
    }

    @Test func reportsADuplicateKeyAtItsSecondOccurrence() {
        expectDiagnostics(changed("    path: w.sqlite", "    path: w.sqlite\n  warehouse:\n    type: sqlite"), [
            #"backflow.yml:6:3: duplicate key "warehouse" (first at line 3)"#
        ])
    }

    @Test func reportsADuplicateMappingName() {
        let mapping = "  - name: Identify users\n    destination: connections\n    model: users\n    action: sendIdentify\n    records: added\n"
        expectDiagnostics(base + mapping, [
            #"backflow.yml:21:11: mappings[1].name: another mapping is already named "Identify users" (line 16); mapping names must be unique"#
        ])
    }

    @Test func reportsAMappingToAMissingModelWithASuggestion() {
        expectDiagnostics(changed("    model: users", "    model: user"), [
            #"backflow.yml:18:12: mappings[0].model: model "user" is not defined; did you mean "users"?"#
        ])
    }

    @Test func reportsAMappingToAMissingDestinationListingTheDefinedOnes() {
        expectDiagnostics(changed("    destination: connections", "    destination: marketing"), [
            #"backflow.yml:17:18: mappings[0].destination: destination "marketing" is not defined; defined destinations: connections"#
        ])
    }

    @Test func reportsAModelOnAMissingSource() {
        expectDiagnostics(changed("    source: warehouse", "    source: lake"), [
            #"backflow.yml:8:13: models.users.source: source "lake" is not defined; defined sources: warehouse"#
        ])
    }

    @Test func refusesProfileSpacesOnAConnectionsDestination() {
        expectDiagnostics(
            changed("    write_key_env: SEGMENT_WRITE_KEY", "    write_key_env: SEGMENT_WRITE_KEY\n    profile_spaces:\n      main:\n        write_key_env: K"),
            ["backflow.yml:15:5: destinations.connections.profile_spaces: profile spaces are only for actions-segment-profiles destinations"])
    }

    @Test func requiresProfileSpacesOnAProfilesDestination() {
        expectDiagnostics(
            changed("    type: actions-segment\n    write_key_env: SEGMENT_WRITE_KEY", "    type: actions-segment-profiles"),
            ["backflow.yml:13:5: destinations.connections: an actions-segment-profiles destination needs at least one profile space under profile_spaces"])
    }

    @Test func reportsAProfilesMappingToAnUnknownProfileSpace() {
        let text = changed(
            "    type: actions-segment\n    write_key_env: SEGMENT_WRITE_KEY",
            "    type: actions-segment-profiles\n    profile_spaces:\n      main:\n        write_key_env: PROFILES_KEY"
        ) + "    fields:\n      engage_space: mian\n"
        expectDiagnostics(text, [
            #"backflow.yml:24:7: mappings[0].fields.engage_space: profile space "mian" is not defined on destination "connections"; did you mean "main"?"#
        ])
    }

    @Test func refusesAnIntervalSegmentDoesNotOffer() {
        expectDiagnostics(changed("    records: added", "    records: added\n    schedule: {every: 10m}"), [
            #"backflow.yml:21:23: mappings[0].schedule.every: expected one of 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d but found "10m""#
        ])
    }

    @Test func refusesADayScheduleOffTheHour() {
        expectDiagnostics(changed("    records: added", "    records: added\n    schedule: {days: [mon, funday], at: \"09:30\"}"), [
            #"backflow.yml:21:28: mappings[0].schedule.days[1]: expected one of mon, tue, wed, thu, fri, sat, sun but found "funday""#,
            #"backflow.yml:21:41: mappings[0].schedule.at: schedules run on the hour: expected "09:00" but found "09:30""#,
        ])
    }

    @Test func refusesAScheduleWord() {
        expectDiagnostics(changed("    records: added", "    records: added\n    schedule: hourly"), [
            #"backflow.yml:21:15: mappings[0].schedule: expected manual, {every: 15m|30m|1h|2h|4h|6h|8h|12h|1d}, {days: [mon, …], at: "HH:00"} or {cron: "M H DoM Mon DoW", time_zone: Area/City} but found "hourly""#
        ])
    }

    @Test func refusesARequestRateOverSegmentsLimit() {
        expectDiagnostics(base + "settings:\n  max_requests_per_second: 5000\n", [
            #"backflow.yml:22:28: settings.max_requests_per_second: expected a whole number from 1 to 1000 (Segment allows 1,000 requests per second per workspace) but found "5000""#
        ])
    }

    @Test func refusesAnUnknownRecordSelection() {
        expectDiagnostics(changed("    records: added", "    records: sometimes"), [
            #"backflow.yml:20:14: mappings[0].records: expected one of added, updated, added_or_updated, deleted but found "sometimes""#
        ])
    }

    @Test func refusesARegionTheDestinationTypeDoesNotHave() {
        expectDiagnostics(changed("    write_key_env: SEGMENT_WRITE_KEY", "    write_key_env: SEGMENT_WRITE_KEY\n    region: europe"), [
            #"backflow.yml:15:13: destinations.connections.region: expected one of us-west-2, eu-west-1 but found "europe""#
        ])
    }

    @Test func refusesAnEndpointThatIsNotAnHTTPURL() {
        expectDiagnostics(changed("    write_key_env: SEGMENT_WRITE_KEY", "    write_key_env: SEGMENT_WRITE_KEY\n    endpoint: localhost:8710"), [
            #"backflow.yml:15:15: destinations.connections.endpoint: expected an http:// or https:// URL but found "localhost:8710""#
        ])
    }

    @Test func reportsEveryProblemOfAFileInFileOrder() {
        let text = changed("    type: sqlite", "    type: mysql")
            .replacingOccurrences(of: "    source: warehouse", with: "    source: lake")
            .replacingOccurrences(of: "    records: added", with: "    records: sometimes\n    sync_nulls: maybe")
        expectDiagnostics(text, [
            #"backflow.yml:4:11: sources.warehouse.type: expected one of sqlite, postgres but found "mysql""#,
            #"backflow.yml:8:13: models.users.source: source "lake" is not defined; defined sources: warehouse"#,
            #"backflow.yml:20:14: mappings[0].records: expected one of added, updated, added_or_updated, deleted but found "sometimes""#,
            #"backflow.yml:21:17: mappings[0].sync_nulls: expected true or false but found "maybe""#,
        ])
    }

    @Test func describesADiagnosticAsFileLineColumnKeyPathAndMessage() {
        let diagnostic = WorkspaceDiagnostic(
            location: SourceLocation(file: "backflow.yml", line: 12, column: 5), keyPath: "mappings[0].records",
            message: #"expected one of added, updated, added_or_updated, deleted but found "sometimes""#)
        #expect(diagnostic.description
            == #"backflow.yml:12:5: mappings[0].records: expected one of added, updated, added_or_updated, deleted but found "sometimes""#)
    }
}

@Suite struct WorkspaceDestinationDiagnosticTests {
    @Test func aProfilesDestinationTakesItsWriteKeysPerSpace() {
        let text = """
            version: 1
            destinations:
              profiles:
                type: actions-segment-profiles
                write_key_env: PROFILES_KEY
                profile_spaces:
                  main:
                    write_key_env: MAIN_KEY

            """
        expectDiagnostics(text, [
            "backflow.yml:5:5: destinations.profiles.write_key_env: actions-segment-profiles destinations send with each "
                + "profile space's write key: move write_key_env under profile_spaces.<space name>"
        ])
    }

    @Test func aConnectionsDestinationNeedsAWriteKeyVariable() {
        expectDiagnostics("version: 1\ndestinations:\n  c:\n    type: actions-segment\n", [
            #"backflow.yml:4:5: destinations.c: missing required key "write_key_env""#
        ])
    }

    @Test func anUnknownDestinationTypeIsLeftToTheCatalog() throws {
        let workspace = try WorkspaceLoader.load(text: "version: 1\ndestinations:\n  w:\n    type: webhook\n    region: anywhere\n")
        #expect(workspace.destinations[0].type == "webhook")
        #expect(workspace.destinations[0].effectiveRegion == "anywhere")
    }

    @Test func aSourcesConnectionURLIsNeverWrittenInTheFile() {
        expectDiagnostics("version: 1\nsources:\n  prod:\n    type: postgres\n    url: postgres://u:p@h/db\n    url_env: PG_URL\n", [
            "backflow.yml:5:5: sources.prod.url: connection URLs can hold passwords and are never stored in backflow.yml: "
                + "put the URL in an environment variable and name it with url_env"
        ])
    }
}
