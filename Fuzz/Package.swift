// swift-tools-version: 6.1
import PackageDescription

// The fuzz targets (docs/fuzzing.md): one executable, `customer-center-fuzz TARGET [libFuzzer flags] [CORPUS...]`,
// built by scripts/fuzz.sh with `-sanitize=fuzzer,address`. A package of its own, so that `swift build` and
// `swift test` of the root never link libFuzzer. It uses only the parsers' libraries: the ledger, the
// receiver and their dependencies would take long to build instrumented and hold no parser of their own.
let package = Package(
    name: "customer-center-fuzz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "customer-center-fuzz", targets: ["CustomerCenterFuzz"]),
    ],
    dependencies: [
        .package(name: "customer-center", path: ".."),
    ],
    targets: [
        // The one libFuzzer function the harness calls, declared for Swift.
        .target(name: "CLibFuzzer"),
        .executableTarget(
            name: "CustomerCenterFuzz",
            dependencies: [
                "CLibFuzzer",
                .product(name: "CustomerCenterModel", package: "customer-center"),
                .product(name: "CustomerCenterSigning", package: "customer-center"),
                .product(name: "CustomerCenterJSON", package: "customer-center"),
                .product(name: "CustomerCenterProviderEvents", package: "customer-center"),
                .product(name: "CustomerCenterBanking", package: "customer-center"),
                .product(name: "CustomerCenterContent", package: "customer-center"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
