import ArgumentParser

/// `customer-center ledger`: commands on the ledger as a whole.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Work on the ledger as a whole (move it from SQLite to PostgreSQL).",
        subcommands: [LedgerMigrateCommand.self]
    )
}
