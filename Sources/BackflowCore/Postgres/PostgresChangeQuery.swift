/// The SQL of a PostgreSQL change scan (``PostgresChangeTracker``): the model's rows that differ from
/// the acknowledged state, and the acknowledged records the model no longer returns.
///
/// **Checksums** are computed in the server, in the model's current ``PostgresChecksumForm``. While the
/// state still holds checksums in other forms (``StateShape/storedForms``), the scan also computes
/// those and compares each record in the form it was stored in; an unchanged record comes back marked
/// for re-checksumming (``Column/reform``), so it is stored in the current form without being sent
/// again, once.
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
        /// The form this scan computes and stores.
        var currentForm: PostgresChecksumForm
        /// The other forms some stored checksum is in.
        var storedForms: Set<PostgresChecksumForm>

        /// The stored forms to compute besides the current one, in a fixed order.
        var earlierForms: [PostgresChecksumForm] {
            PostgresChecksumForm.allCases.filter { $0 != currentForm && storedForms.contains($0) }
        }
    }

    /// The columns the changed-rows statement appends after the model's own, in this order.
    enum Column: Int, CaseIterable {
        case checksum, recordID, position, occurrence, known, stored, version, reform

        var name: String { "backflow__\(self)" }
    }

    let model: ModelDefinition
    let columnNames: [String]
    let tables: PostgresStateTables
    let shape: StateShape

    /// New and changed rows, rows without a usable id and repeated ids, and (with checksums stored in
    /// earlier forms) unchanged rows to re-checksum, with ``Column``s appended.
    var changedRows: String {
        let id = PostgresWarehouse.quotedIdentifier(model.idColumn)
        let earlier = shape.earlierForms
        let earlierChecksums = earlier.map { ",\n    \($0.checksum(names: columnNames)) AS \(Self.name(of: $0))" }
        let numbered = """
            SELECT m.*, \(shape.currentForm.checksum(names: columnNames)) AS \(Column.checksum.name),
                (m.\(id))::text COLLATE "C" AS \(Column.recordID.name),
                row_number() OVER () AS \(Column.position.name)\(earlierChecksums.joined())
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
        // The row's checksum in the earlier form the stored one is in; NULL when it is in the current form.
        let inEarlierForm = earlier.isEmpty
            ? "NULL::text"
            : "CASE " + earlier.map { "WHEN \($0.holds("s.checksum")) THEN c.\(Self.name(of: $0))" }.joined(separator: " ") + " END"
        let modelColumns = (0..<columnNames.count).map { "c.backflow__column_\($0)" }
        return """
            SELECT \((modelColumns + ["c.\(Column.checksum.name)", "c.\(Column.recordID.name)", "c.\(Column.position.name)", "c.\(occurrence)"]).joined(separator: ", ")),
                s.record_id IS NOT NULL AS \(Column.known.name), s.checksum AS \(Column.stored.name), s.version AS \(Column.version.name),
                coalesce(s.checksum = \(inEarlierForm), false) AS \(Column.reform.name)
            FROM (
            \(counted)
            ) AS c(\(renamedColumns))
            LEFT JOIN \(tables.records) s ON s.record_id = c.\(Column.recordID.name)
            WHERE c.\(Column.recordID.name) IS NULL OR c.\(occurrence) > 1
                OR s.checksum IS DISTINCT FROM coalesce(\(inEarlierForm), c.\(Column.checksum.name))\(earlier.isEmpty ? "" : " OR \(inEarlierForm) IS NOT NULL")
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

    /// Whether the state holds any record at all, then whether it holds a checksum in each
    /// ``PostgresChecksumForm``, in `allCases` order.
    static func stateFacts(_ tables: PostgresStateTables) -> String {
        let forms = PostgresChecksumForm.allCases.map { "coalesce(bool_or(\($0.holds("checksum"))), false)" }
        return """
            SELECT EXISTS (SELECT 1 FROM \(tables.records) WHERE checksum <> '\(StateTables.deletedChecksum)'),
                \(forms.joined(separator: ", "))
            FROM \(tables.records)
            """
    }

    /// The name of the column holding a row's checksum in an earlier `form`.
    private static func name(of form: PostgresChecksumForm) -> String {
        "backflow__form_\(PostgresChecksumForm.allCases.firstIndex(of: form) ?? 0)"
    }

    /// The counted subquery's columns renamed, so that the outer statement can name each model column
    /// even where the model repeats a name (`SELECT a.id, b.id`).
    private var renamedColumns: String {
        var names = (0..<columnNames.count).map { "backflow__column_\($0)" }
        names += [Column.checksum.name, Column.recordID.name, Column.position.name]
        names += shape.earlierForms.map(Self.name(of:))
        names.append(Column.occurrence.name)
        return names.joined(separator: ", ")
    }

    /// A SQL string literal that reads the same whatever `standard_conforming_strings` is.
    static func literal(_ text: String) -> String {
        "E'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }
}
