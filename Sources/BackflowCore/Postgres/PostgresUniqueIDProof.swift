/// Proves, without running the model, that its id column cannot repeat, so that a change scan need
/// not number the rows of each id (a sort of the whole model in the server, spilled to temporary
/// files once the model outgrows `work_mem`).
///
/// The proof has three parts, all read from PostgreSQL itself:
/// - The id column is a plain reference to one table's column (the result description's
///   `PQftable`/`PQftablecol`), of a type whose text is one value's alone (integers, text, uuid).
/// - That column alone is the key of a valid unique index without a predicate.
/// - The planned query (`EXPLAIN (FORMAT JSON, VERBOSE)`, not run) scans that table exactly once, and
///   every node between the result and that scan passes each row on at most once: scans, filters,
///   sorts, limits, aggregates, window functions, and joins entered from their outer side where the
///   planner itself proved the inner side unique (`Inner Unique`) or the join is a semi- or anti-join.
///   Anything else (an inner side, `Append`, a set-returning function, a CTE scan) proves nothing.
///
/// A model it cannot prove keeps the per-id numbering; nothing is assumed.
struct PostgresUniqueIDProof {
    /// Type OIDs whose text output is injective: int2, int4, int8, text, varchar, uuid.
    private static let exactTextTypes: Set<UInt32> = [21, 23, 20, 25, 1043, 2950]
    /// Plan nodes that pass each input row on at most once.
    private static let passThroughNodes: Set<String> = [
        "Result", "Sort", "Incremental Sort", "Limit", "Subquery Scan", "Materialize", "Memoize", "Gather",
        "Gather Merge", "Unique", "Aggregate", "Group", "WindowAgg", "Hash",
    ]
    private static let scanNodes: Set<String> = [
        "Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", "Tid Scan", "Tid Range Scan", "Sample Scan",
    ]
    private static let joinNodes: Set<String> = ["Nested Loop", "Hash Join", "Merge Join"]

    /// Whether the wrapped model `sql`, whose result `description` has the id at `idColumn`, returns
    /// each id at most once. Runs catalog queries and `EXPLAIN` through `run` in the caller's
    /// read-only transaction.
    static func holds(
        sql: String, description: PostgresResult, idColumn: Int,
        run: (String, [String?]) throws -> PostgresResult
    ) throws -> Bool {
        let table = description.tableOID(at: idColumn)
        let attribute = description.tableColumnNumber(at: idColumn)
        guard table != 0, attribute > 0, exactTextTypes.contains(description.typeOID(at: idColumn)) else { return false }
        let facts = try run(
            """
            SELECT n.nspname, c.relname, EXISTS (
                SELECT 1 FROM pg_catalog.pg_index i
                WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
                    AND i.indexprs IS NULL AND i.indnkeyatts = 1 AND i.indkey[0] = $2::int2)
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = $1::oid
            """, [String(table), String(attribute)])
        guard facts.rowCount == 1, facts.text(row: 0, column: 2) == "t",
            let schema = facts.text(row: 0, column: 0), let name = facts.text(row: 0, column: 1)
        else { return false }
        let explained = try run("EXPLAIN (FORMAT JSON, VERBOSE) \(sql)", [])
        guard explained.rowCount == 1, let text = explained.text(row: 0, column: 0),
            case .array(let plans) = try JSONReader.parse(text), case .object(let top)? = plans.first,
            case .object(let plan)? = top["Plan"]
        else { return false }
        let relation = Relation(schema: schema, name: name)
        return scans(of: relation, in: plan) == 1 && passesOnce(plan, to: relation)
    }

    private struct Relation: Equatable {
        let schema: String
        let name: String

        init(schema: String, name: String) {
            self.schema = schema
            self.name = name
        }

        init?(_ node: JSONObject) {
            guard case .string(let schema)? = node["Schema"], case .string(let name)? = node["Relation Name"] else {
                return nil
            }
            self.init(schema: schema, name: name)
        }
    }

    private static func children(of node: JSONObject) -> [JSONObject] {
        guard case .array(let plans)? = node["Plans"] else { return [] }
        return plans.compactMap { if case .object(let child) = $0 { child } else { nil } }
    }

    /// How many nodes anywhere in the plan (subplans included) scan `relation`.
    private static func scans(of relation: Relation, in node: JSONObject) -> Int {
        (Relation(node) == relation ? 1 : 0) + children(of: node).reduce(0) { $0 + scans(of: relation, in: $1) }
    }

    /// Whether `node` returns each row of its scan of `relation` at most once.
    private static func passesOnce(_ node: JSONObject, to relation: Relation) -> Bool {
        guard case .string(let type)? = node["Node Type"] else { return false }
        if scanNodes.contains(type) { return Relation(node) == relation }
        // Scalar subplans filter or compute values; they never add rows.
        let rowChildren = children(of: node).filter {
            guard case .string(let role)? = $0["Parent Relationship"] else { return true }
            return role != "InitPlan" && role != "SubPlan"
        }
        let path = rowChildren.filter { scans(of: relation, in: $0) > 0 }
        guard path.count == 1, let next = path.first else { return false }
        if passThroughNodes.contains(type) { return passesOnce(next, to: relation) }
        guard joinNodes.contains(type), case .string(let side)? = next["Parent Relationship"], side == "Outer" else {
            return false
        }
        let joinType: String = if case .string(let value)? = node["Join Type"] { value } else { "" }
        let innerUnique = if case .bool(true)? = node["Inner Unique"] { true } else { false }
        guard innerUnique || joinType == "Semi" || joinType == "Anti" else { return false }
        return passesOnce(next, to: relation)
    }
}
