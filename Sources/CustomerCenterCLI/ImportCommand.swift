import ArgumentParser
import CustomerCenterContent

/// `customer-center import FILE --content DIR`: converts a billing export into customer files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a JSON customer export (the make_dataset.py format) into content/customers/*.json.",
        discussion: """
            Existing customer files are overwritten with the export's data but keep their link_version.
            A content folder without config.toml gets a starter configuration to edit.
            """
    )

    @Argument(help: "The export: a JSON list of customers.")
    var file: String

    @Option(name: .long, help: "The content folder to write into.")
    var content: String = "content"

    func run() throws {
        let summary: DatasetImporter.Summary
        do {
            summary = try DatasetImporter(content: ContentFolder(path: content)).importFile(file)
        } catch {
            throw fail(error.problems.map(\.description))
        }
        if summary.wroteStarterConfig {
            print("Wrote a starter configuration to \(ContentFolder(path: content).configPath): edit the merchant's details.")
        }
        print("Imported \(summary.customers) customers (\(summary.invoices) invoices, \(summary.transactions) prepaid transactions): \(summary.written) files written, \(summary.unchanged) unchanged.")
    }
}
