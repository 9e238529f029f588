import Foundation
import ArgumentParser
import BackflowCore

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the workspace's models.")

    @OptionGroup var workspace: WorkspaceOption
    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let models = session.workspace.models
        if output.json {
            return console.printJSON(.array(models.map { model in
                .object([
                    "name": .string(model.name), "source": .string(model.source),
                    "id_column": .string(model.idColumn), "description": model.description.map(JSONValue.string) ?? .null,
                    "query": .string(model.query),
                    "mappings": .array(session.workspace.mappings.filter { $0.model == model.name }.map { .string($0.name) }),
                ])
            }))
        }
        var table = TextTable(columns: [
            .init("MODEL"), .init("SOURCE"), .init("ID COLUMN"), .init("MAPPINGS", alignment: .right),
            .init("DESCRIPTION", maximumWidth: 60),
        ])
        for model in models {
            let mappings = session.workspace.mappings.filter { $0.model == model.name }.count
            table.append([model.name, model.source, model.idColumn, String(mappings), model.description ?? ""])
        }
        console.printTable(table)
    }
}

struct ColumnsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "columns", abstract: "Show a model's columns with their types and a sample value.")

    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "The model's name.") var model: String
    @OptionGroup var output: OutputOption

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let (definition, preview) = try console.reportingErrors { () throws(WorkspaceError) in
            let definition = try session.model(named: model)
            return (definition, try session.preview(of: definition, limit: 1))
        }
        let sample = preview.records.first?.columns ?? [:]
        if output.json {
            return console.printJSON(.array(preview.columns.map { column in
                .object([
                    "name": .string(column.name), "type": .string(column.type), "kind": .string(column.kind.rawValue),
                    "is_id": .bool(column.name == definition.idColumn), "sample": sample[column.name] ?? .null,
                ])
            }))
        }
        var table = TextTable(columns: [.init("COLUMN"), .init("TYPE"), .init("KIND"), .init("SAMPLE", maximumWidth: 60)])
        for column in preview.columns {
            let marker = column.name == definition.idColumn ? " (id)" : ""
            table.append([column.name + marker, column.type, column.kind.rawValue, sample[column.name].map(CellText.of) ?? ""])
        }
        console.printTable(table)
    }
}

struct RowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rows", abstract: "Show a model's first records, as the model preview does.")

    @OptionGroup var workspace: WorkspaceOption
    @Argument(help: "The model's name.") var model: String
    @Option(help: "How many records to show.") var limit: Int = ModelPreview.defaultLimit
    @Option(help: "Show only these columns (comma-separated).") var columns: String?
    @OptionGroup var output: OutputOption

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let console = output.console
        let session = try workspace.open(console: console)
        let preview = try console.reportingErrors { () throws(WorkspaceError) in
            try session.preview(of: try session.model(named: model), limit: limit)
        }
        let wanted = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let names = preview.columns.map(\.name).filter { wanted?.contains($0) ?? true }
        if output.json {
            let rows = preview.records.map { record in
                JSONValue.object(JSONObject(names.map { name in (name, record.columns[name] ?? .null) }))
            }
            return console.printJSON(.array(rows))
        }
        var table = TextTable(columns: names.map { TextTable.Column($0.uppercased(), maximumWidth: 28) })
        for record in preview.records {
            table.append(names.map { record.columns[$0].map(CellText.of) ?? "" })
        }
        console.printTable(table)
        for problem in preview.problems {
            console.print(console.style("✗ row \(problem.rowNumber): \(problem.message)", .warning))
        }
    }
}
