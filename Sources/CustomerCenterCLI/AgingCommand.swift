import ArgumentParser
import CustomerCenterApplication
import CustomerCenterContent
import CustomerCenterModel
import CustomerCenterRender

/// `customer-center aging`: open amounts of every customer by age, as a table or as CSV.
struct AgingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aging",
        abstract: "List what every customer has open, by age: not yet due, 1-30, 31-60, 61-90, over 90 days overdue.",
        discussion: """
            Ages count the days past the due date on the day given (default: today in the merchant's time zone);
            an invoice due that day is not yet due. Money the receiver booked since the export is included, as
            on the pages. Customers with nothing open are left out; the table ends with a total per currency.
            With --csv: one row per customer and currency (RFC 4180, amounts as plain decimals), no totals.
            """
    )

    @OptionGroup var site: ContentOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Count ages as of this day, YYYY-MM-DD.", valueName: "date"))
    var asOf: String?

    @Flag(name: .long, help: "Print CSV for a spreadsheet instead of a table.")
    var csv = false

    func validate() throws {
        if let asOf, CalendarDate(iso: asOf) == nil {
            throw ValidationError("--as-of \(asOf) is not a date; write YYYY-MM-DD.")
        }
    }

    static let columns = ["not due", "1-30", "31-60", "61-90", "over 90", "total"]

    func run() throws {
        let (config, ledger) = try LedgerAccess.open(contentPath: site.content)
        let result: AgingReport.Result
        do {
            result = try AgingReport(content: ContentFolder(path: site.content), config: config, ledger: ledger)
                .run(asOf: asOf.flatMap(CalendarDate.init(iso:)))
        } catch {
            throw fail(error.problems)
        }
        func amounts(_ aging: Aging) -> [String] {
            Aging.Bucket.allCases.map { aging[$0].decimalString } + [aging.total.decimalString]
        }
        if csv {
            var text = CSV.row(["customer", "name", "currency", "not_due", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"])
            for row in result.rows {
                text += CSV.row([CSV.text(row.customerID), CSV.text(row.name), row.aging.currency.code] + amounts(row.aging))
            }
            print(text, terminator: "")
            return
        }
        guard !result.rows.isEmpty else {
            print("Nothing is open on \(result.asOf).")
            return
        }
        print("Open amounts by age on \(result.asOf) (days past the due date):")
        var table = [["customer", "name", "currency"] + Self.columns]
        table += result.rows.map { [$0.customerID, $0.name, $0.aging.currency.code] + amounts($0.aging) }
        table += result.totals.map { ["total", "", $0.currency.code] + amounts($0) }
        let widths = (0..<table[0].count).map { column in table.map { $0[column].count }.max() ?? 0 }
        for (index, line) in table.enumerated() {
            if index == table.count - result.totals.count { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            // Text columns to the left, amounts to the right.
            let cells = line.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 3 ? cell + padding : padding + cell
            }
            print(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
    }
}

extension String {
    /// Without spaces at the end (a table's last text column is padded).
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
