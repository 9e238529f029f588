import BackflowCore

extension CheckCommand {
    /// Warns, on standard error so `--json` output stays a document, when the PostgreSQL role could do
    /// more than read the model. A model that cannot be classified is left to the check that follows,
    /// which reports why.
    func warnAboutRole(reading model: ModelDefinition, in warehouse: any Warehouse, console: Console) {
        guard let postgres = warehouse as? PostgresWarehouse,
            let findings = try? postgres.roleFindings(for: model)
        else { return }
        for finding in findings {
            console.printError(console.style("warning: ", .warning) + "model '\(model.name)': \(finding)")
        }
    }
}
