// swift-tools-version: 6.1
import PackageDescription

// Our statement CSV reader (CustomerCenterBanking's CSVRecordReader) against the two CSV libraries this
// machine offers, on the documented format (docs/statement-csv.md, "Why our own reader"): which cases each
// reads right, how fast, and how much memory. Run by scripts/compare-csv-readers.sh. A package of its own, so
// that the project never depends on either library.
let package = Package(
    name: "compare-csv-readers",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "customer-center", path: "../.."),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", exact: "0.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "CompareCSVReaders",
            dependencies: [
                .product(name: "CustomerCenterBanking", package: "customer-center"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
