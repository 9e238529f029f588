/// The SQL of a PostgreSQL change scan (``PostgresChangeTracker``): the model's rows that differ from
/// the acknowledged state, and the acknowledged records the model no longer returns.
///
/// **Checksums.** A row's checksum is `v2:` and the md5 of the model's column names and the row's
/// record text (`m::text`): PostgreSQL writes a row's text about twice as fast as its JSON. Releases
/// before it stored `md5(row_to_json(m))`, 32 hex digits. While a state still holds such checksums
/// (``StateShape/holdsFirstFormChecksums``), the scan also computes the earlier form and compares
/// each record in the form it was stored in; an unchanged record comes back marked for
/// re-checksumming (``Column/reform``), so it is stored in the new form without being sent again, once.
///
/// **Ids** are compared byte for byte (`COLLATE "C"`, as the state stores them, see
/// ``PostgresStateTables/creation``), whatever collation the model's id column has: two ids a
/// case-insensitive collation calls equal are two records.
///
/// **Repeated ids.** Rows are numbered in query order and, unless the model's ids are proven unique
/// (``PostgresUniqueIDProof``), numbered again per id (a sort of the whole model in the server) so that
/// the first row of an id is its record and the others are problems.
struct PostgresChangeQuery {
    /// What the scan knows before it runs.
    struct StateShape {
        /// The model's ids cannot repeat: no per-id numbering is needed.
        var idsAreUnique: Bool
        /// Some stored checksum is in the form of releases before `v2:`.
        var holdsFirstFormChecksums: Bool
    }

    /// The columns the changed-rows statement appends after the model's own, in this order.
    enum Column: Int, CaseIterable {
        case checksum, recordID, position, occurrence, known, stored, version, reform

        var name: String { "backflow__\(self)" }
    }

    /// The prefix of a checksum in the current form.
    static let checksumPrefix = "v2:"

    let model: ModelDefinition
    let columnNames: [String]
    let tables: PostgresStateTables
    let shape: StateShape

    /// New and changed rows, rows without a usable id and repeated ids, and (with first-form checksums)
    /// unchanged rows to re-checksum, with ``Column``s appended.
    var changedRows: String {
        let id = PostgresWarehouse.quotedIdentifier(model.idColumn)
        let firstForm = shape.holdsFirstFormChecksums
        let numbered = """
            SELECT m.*, \(currentChecksum) AS \(Column.checksum.name), (m.\(id))::text COLLATE "C" AS \(Column.recordID.name),
                row_number() OVER () AS \(Column.position.name)\(firstForm ? ",\n    md5(row_to_json(m)::text) AS backflow__first_form" : "")
            FROM (
            \(model.statement)
            ) AS m
            """
        let occurrence = Column.occurrence.name
        let counted = shape.idsAreUnique
            ? "SELECT n.*, 1 AS \(occurrence) FROM (\n\(numbered)\n) AS n"
            : """
                SELECT n.*, row_number() OVER (PARTITION BY n.\(Column.recordID.name) ORDER BY n.\(Column.position.name)) AS \(occurrence)
                FROM (
                \(numbered)
                ) AS n
                """
        let storedForm = firstForm ? "CASE WHEN length(s.checksum) = 32 THEN c.backflow__first_form ELSE c.\(Column.checksum.name) END" : "c.\(Column.checksum.name)"
        let reform = firstForm ? "length(s.checksum) = 32 AND s.checksum = c.backflow__first_form" : "false"
        let modelColumns = (0..<columnNames.count).map { "c.backflow__column_\($0)" }
        return """
            SELECT \((modelColumns + ["c.\(Column.checksum.name)", "c.\(Column.recordID.name)", "c.\(Column.position.name)", "c.\(occurrence)"]).joined(separator: ", ")),
                s.record_id IS NOT NULL AS \(Column.known.name), s.checksum AS \(Column.stored.name), s.version AS \(Column.version.name),
                \(reform) AS \(Column.reform.name)
            FROM (
            \(counted)
            ) AS c(\(renamedColumns))
            LEFT JOIN \(tables.records) s ON s.record_id = c.\(Column.recordID.name)
            WHERE c.\(Column.recordID.name) IS NULL OR c.\(occurrence) > 1 OR s.checksum IS DISTINCT FROM \(storedForm)\(firstForm ? " OR length(s.checksum) = 32" : "")
            """
    }

    /// Stored records whose id the model no longer returns: `record_id`, `checksum`, `version`.
    var vanishedRecords: String {
        let id = PostgresWarehouse.quotedIdentifier(model.idColumn)
        return """
            SELECT s.record_id, s.checksum, s.version FROM \(tables.records) s
            WHERE s.checksum <> '\(StateTables.deletedChecksum)' AND NOT EXISTS (SELECT 1 FROM (
            \(model.statement)
            ) AS m WHERE (m.\(id))::text COLLATE "C" = s.record_id)
            ORDER BY s.record_id
            """
    }

    /// Whether the state holds any record at all, and any checksum in the first form.
    static func stateFacts(_ tables: PostgresStateTables) -> String {
        """
        SELECT EXISTS (SELECT 1 FROM \(tables.records) WHERE checksum <> '\(StateTables.deletedChecksum)'),
            EXISTS (SELECT 1 FROM \(tables.records) WHERE length(checksum) = 32)
        """
    }

    /// `v2:` and the md5 of the column names (so that renaming a column counts as a change, as it does
    /// in the first form and in SQLite's checksum) and the row's record text.
    private var currentChecksum: String {
        let names = columnNames.joined(separator: "\u{1F}")
        return "'\(Self.checksumPrefix)' || md5(\(Self.literal(names + "\u{1E}")) || m::text)"
    }

    /// The counted subquery's columns renamed, so that the outer statement can name each model column
    /// even where the model repeats a name (`SELECT a.id, b.id`).
    private var renamedColumns: String {
        var names = (0..<columnNames.count).map { "backflow__column_\($0)" }
        names += [Column.checksum.name, Column.recordID.name, Column.position.name]
        if shape.holdsFirstFormChecksums { names.append("backflow__first_form") }
        names.append(Column.occurrence.name)
        return names.joined(separator: ", ")
    }

    /// A SQL string literal that reads the same whatever `standard_conforming_strings` is.
    static func literal(_ text: String) -> String {
        "E'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
