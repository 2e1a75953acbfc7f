import GRDB

extension Ledger {
    /// The name of migration v8.
    static let typedColumnsMigration = "v8 typed columns: CHECK constraints"

    /// Migration v8: every column that holds a Swift enum or a currency gets a CHECK constraint, so the
    /// database itself refuses a value no Swift value stands for. SQLite cannot add a CHECK to a column,
    /// so each table is rebuilt as SQLite describes (lang_altertable.html, "other kinds of table schema
    /// changes"): created anew with the CHECKs, rows copied with their ids, the old table dropped, the
    /// new one renamed, its indexes and triggers created again from their stored SQL, and its
    /// AUTOINCREMENT counter kept. GRDB runs it with foreign keys off and checks them before commit.
    ///
    /// Rows holding a value outside the lists are not dropped, rewritten or guessed at: the migration
    /// refuses (`LedgerMigrationError`, naming each table, row and column), its transaction rolls back,
    /// and the ledger stays as it was until the merchant corrects those rows.
    static func migrateToTypedColumns(_ db: Database) throws {
        var problems: [LedgerDecodingError] = []
        for table in typedTables {
            for (column, allowed) in table.restricted {
                let list = allowed.map { "'" + $0 + "'" }.joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT \(table.key.quotedDatabaseIdentifier), \(column.quotedDatabaseIdentifier) FROM \(table.name.quotedDatabaseIdentifier)
                    WHERE \(column.quotedDatabaseIdentifier) IS NULL OR \(column.quotedDatabaseIdentifier) NOT IN (\(list)) ORDER BY rowid
                    """)
                problems += rows.map { row in
                    LedgerDecodingError(table: table.name, row: "\(table.key) \((row[0] as DatabaseValue).description)", column: column,
                                        value: (row[1] as DatabaseValue).description)
                }
            }
        }
        guard problems.isEmpty else { throw LedgerMigrationError(migration: typedColumnsMigration, problems: problems) }
        for table in typedTables { try rebuild(table, db: db) }
    }

    /// Rebuilds `table` with its CHECK constraints, keeping every row, id, index, trigger and counter;
    /// `migration` names the migration in an error, `suffix` the table's temporary name (v10 rebuilds
    /// `outgoingEmail` the same way).
    static func rebuild(_ table: TypedTable, db: Database, migration: String = typedColumnsMigration, suffix: String = "_v8") throws {
        let stored = try db.columns(in: table.name).map(\.name)
        guard stored.sorted() == table.columns.map(\.name).sorted() else {
            // Nothing but these migrations changes the schema; a column here that v8 does not know would be lost.
            throw DatabaseError(resultCode: .SQLITE_SCHEMA, message: """
                \(migration): table \(table.name) has the columns \(stored.joined(separator: ", ")), \
                not \(table.columns.map(\.name).joined(separator: ", "))
                """)
        }
        let name = table.name.quotedDatabaseIdentifier
        let rebuilt = (table.name + suffix).quotedDatabaseIdentifier
        let kept = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid
            """, arguments: [table.name])
        let counter = try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table.name])
        let columns = table.columns.map(\.name.quotedDatabaseIdentifier).joined(separator: ", ")
        try db.execute(sql: table.createStatement(named: table.name + suffix))
        try db.execute(sql: "INSERT INTO \(rebuilt) (\(columns)) SELECT \(columns) FROM \(name) ORDER BY rowid")
        try db.execute(sql: "DROP TABLE \(name)")
        try db.execute(sql: "ALTER TABLE \(rebuilt) RENAME TO \(name)")
        for sql in kept { try db.execute(sql: sql) }
        if let counter {
            // The copy set the counter to the largest id; ids handed out before stay used.
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table.name])
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [table.name, counter])
        }
    }
}
