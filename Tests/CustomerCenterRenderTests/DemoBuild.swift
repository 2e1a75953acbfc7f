import CustomerCenterModel
import CustomerCenterRender
import CustomerCenterTestSupport
import Foundation

/// A copy of the demo content built into a temporary folder, as of a fixed day so that figures and
/// statuses do not move with the calendar.
struct DemoBuild {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 29)!

    let folder: TemporaryFolder
    var options: BuildOptions

    init(_ label: String = "demo", environment: [String: String] = [:]) {
        folder = TemporaryFolder(label).copyDemo()
        options = BuildOptions(contentPath: folder.file("content"), templatesPath: folder.file("Templates"),
                               outputPath: folder.file("site"), today: DemoBuild.asOf, environment: environment)
    }

    @discardableResult
    func build() throws(BuildError) -> BuildReport {
        try SiteBuilder(options: options).build()
    }

    /// The personal page of `customerID`, as written.
    func page(of customerID: String) throws -> String {
        folder.read("site/" + (try pagePath(of: customerID)))
    }

    /// `c/<token>/index.html` of `customerID`, relative to the output folder.
    func pagePath(of customerID: String) throws -> String {
        let links = try SiteBuilder(options: options).links()
        guard let url = links.first(where: { $0.customer.id == customerID })?.url else {
            throw TestFailure("no customer \(customerID)")
        }
        return String(url.dropFirst(url.range(of: "/c/")!.lowerBound.utf16Offset(in: url) + 1)) + "index.html"
    }

    func edit(_ relative: String, _ change: (String) -> String) {
        folder.write(change(folder.read(relative)), to: relative)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
