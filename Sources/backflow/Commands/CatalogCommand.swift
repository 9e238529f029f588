import ArgumentParser
import BackflowCore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Show the Segment destinations, their actions and each action's fields.",
        discussion: """
            DESTINATION is a slug (actions-segment, actions-segment-profiles) or a short name \
            (connections, profiles). ACTION is an action key such as sendIdentify.
            """
    )

    @Argument(help: "A destination to describe.")
    var destination: String?

    @Argument(help: "One of the destination's actions to describe field by field.")
    var action: String?

    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        guard let destinationName = destination else {
            if output.json { return console.printJSON(.array(Catalog.destinations.map(\.document))) }
            var table = TextTable(columns: [.init("DESTINATION"), .init("NAME"), .init("ACTIONS"), .init("REGIONS")])
            for destination in Catalog.destinations {
                table.append([
                    destination.slug, destination.name, destination.actions.map(\.key).joined(separator: ", "),
                    destination.regions.map(\.key).joined(separator: ", "),
                ])
            }
            return console.printTable(table)
        }
        let destination = try lookUpDestination(destinationName, console: console)
        guard let actionKey = action else {
            if output.json { return console.printJSON(destination.document) }
            return describe(destination, console: console)
        }
        guard let action = destination.action(actionKey) else {
            let keys = destination.actions.map(\.key)
            console.printError(
                console.style("error: ", .failure)
                    + "\(destination.name) has no action \"\(actionKey)\""
                    + KeySuggestion.hint(for: actionKey, among: keys, noun: "actions"))
            throw ExitCode(2)
        }
        if output.json { return console.printJSON(action.document) }
        describe(action, of: destination, console: console)
    }

    private func lookUpDestination(_ name: String, console: Console) throws -> Destination {
        let aliases: [String: DestinationKind] = [
            "connections": .connections, "segment": .connections, "segment-connections": .connections,
            "profiles": .profiles, "segment-profiles": .profiles,
        ]
        if let kind = DestinationKind(rawValue: name) ?? aliases[name.lowercased()] {
            return Catalog.destination(kind)
        }
        let names = DestinationKind.allCases.map(\.rawValue) + ["connections", "profiles"]
        console.printError(
            console.style("error: ", .failure) + "no destination \"\(name)\"; try one of \(names.joined(separator: ", "))")
        throw ExitCode(2)
    }

    private func describe(_ destination: Destination, console: Console) {
        console.print(console.style("\(destination.name) (\(destination.slug))", .heading))
        console.print(destination.description)
        console.print()
        var regions = TextTable(columns: [.init("REGION"), .init("LABEL"), .init("TRACKING API", maximumWidth: 60)])
        for region in destination.regions {
            let marker = region.key == destination.defaultRegion ? " (default)" : ""
            regions.append([region.key, region.label + marker, region.trackingAPIBase])
        }
        console.printTable(regions)
        console.print()
        var actions = TextTable(columns: [
            .init("ACTION"), .init("TITLE"), .init("TRIGGER"), .init("DESCRIPTION", maximumWidth: 70),
        ])
        for action in destination.actions {
            actions.append([action.key, action.title, action.defaultTrigger ?? "", action.description])
        }
        console.printTable(actions)
        console.print()
        console.print(
            console.style("At most \(Catalog.maximumMappingsPerDestination) mappings per destination.", .muted))
    }

    private func describe(_ action: Action, of destination: Destination, console: Console) {
        console.print(console.style("\(destination.name) · \(action.title) (\(action.key))", .heading))
        console.print(action.description)
        console.print()
        var table = TextTable(columns: [
            .init("FIELD"), .init("LABEL"), .init("TYPE"), .init("REQUIRED"), .init("DEFAULT", maximumWidth: 32),
            .init("DESCRIPTION", maximumWidth: 60),
        ])
        for field in action.fields {
            table.append(row(for: field, indent: ""))
            for property in field.properties ?? [] {
                table.append(row(for: property, indent: "  ."))
            }
        }
        console.printTable(table)
    }

    private func row(for field: ActionField, indent: String) -> [String] {
        var type = field.type.rawValue
        if field.type == .object, field.properties == nil { type += " (free-form)" }
        if field.isMultiple { type += "[]" }
        if field.isHidden { type += ", hidden" }
        return [
            indent + field.key, field.label, type, field.isRequired ? "yes" : "",
            field.defaultMapping.map(JSONWriter.compact) ?? "", field.description,
        ]
    }
}
