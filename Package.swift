// swift-tools-version: 6.1
import PackageDescription

// Dependencies point one way: Model <- Content, Ledger, Signing, Banking; JSON <- Content, ProviderEvents; Signing, Process <- Mail;
// Model, Content, Signing <- Render; all of those <- Application <- Receiver (HTTP) <- CLI (serve); offline commands
// use the Application only. Every target declares exactly what it imports. See docs/architecture.md.
let package = Package(
    name: "customer-center",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "customer-center", targets: ["customer-center"]),
        .library(name: "CustomerCenterRender", targets: ["CustomerCenterRender"]),
        // The parsers' libraries, for the fuzz targets in Fuzz/ (docs/fuzzing.md).
        .library(name: "CustomerCenterModel", targets: ["CustomerCenterModel"]),
        .library(name: "CustomerCenterSigning", targets: ["CustomerCenterSigning"]),
        .library(name: "CustomerCenterJSON", targets: ["CustomerCenterJSON"]),
        .library(name: "CustomerCenterProviderEvents", targets: ["CustomerCenterProviderEvents"]),
        .library(name: "CustomerCenterBanking", targets: ["CustomerCenterBanking"]),
        .library(name: "CustomerCenterContent", targets: ["CustomerCenterContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Up to the next minor only: CommandRunner relies on how 1.0 tears a process group down.
        .package(url: "https://github.com/swiftlang/swift-subprocess", .upToNextMinor(from: "1.0.2")),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries: cmark for Markdown, OpenSSL's libcrypto for every cryptographic primitive.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CQREncode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),

        .target(name: "CustomerCenterModel"),
        .target(
            name: "CustomerCenterContent",
            dependencies: [
                "CustomerCenterModel",
                "CustomerCenterJSON",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "CustomerCenterLedger",
            dependencies: ["CustomerCenterModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The PostgreSQL ledger behind the same LedgerStore API, for several receivers on one database.
        // The only importer of postgres-nio.
        .target(
            name: "CustomerCenterLedgerPostgres",
            dependencies: [
                "CustomerCenterModel",
                "CustomerCenterLedger",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CustomerCenterSigning",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "CustomerCenterRender",
            dependencies: [
                "CustomerCenterModel",
                "CustomerCenterContent",
                "CustomerCenterSigning",
                "CCmark",
                "CQREncode",
                "CZlib",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Strict JSON for input from outside: duplicate keys refused, integers exact, nesting bounded.
        .target(name: "CustomerCenterJSON"),
        // Provider callback payloads (Stripe events, our own format) read into PaymentEvent; no HTTP.
        .target(
            name: "CustomerCenterProviderEvents",
            dependencies: ["CustomerCenterModel", "CustomerCenterJSON"]
        ),
        // Log lines that client-controlled values cannot forge (escaped, quoted, one write per line).
        .target(
            name: "CustomerCenterLogging",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // Running a command: time limit, its process group terminated, the start of standard error kept.
        // The only importer of swift-subprocess.
        .target(
            name: "CustomerCenterProcess",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // RFC 5322/MIME messages and their delivery (sendmail-compatible command or outbox folder).
        .target(
            name: "CustomerCenterMail",
            dependencies: ["CustomerCenterSigning", "CustomerCenterProcess"]
        ),
        // Bank statements: ISO 20022 CAMT.053/054 and the documented CSV, and RF references in remittance text.
        .target(
            name: "CustomerCenterBanking",
            dependencies: ["CustomerCenterModel"]
        ),
        // The application beneath the receiver and the CLI: the workspace and the use cases (booking,
        // transfers, statement import, mail, page regeneration, publishing, test callbacks). No HTTP.
        .target(
            name: "CustomerCenterApplication",
            dependencies: [
                "CustomerCenterModel",
                "CustomerCenterContent",
                "CustomerCenterLedger",
                "CustomerCenterLedgerPostgres",
                "CustomerCenterSigning",
                "CustomerCenterRender",
                "CustomerCenterMail",
                "CustomerCenterBanking",
                "CustomerCenterProcess",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CustomerCenterReceiver",
            dependencies: [
                "CustomerCenterModel",
                "CustomerCenterContent",
                "CustomerCenterLedger",
                "CustomerCenterSigning",
                "CustomerCenterRender",
                "CustomerCenterProviderEvents",
                "CustomerCenterApplication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "CustomerCenterCLI",
            dependencies: [
                "CustomerCenterApplication",
                "CustomerCenterReceiver",
                "CustomerCenterLedger",
                "CustomerCenterModel",
                "CustomerCenterContent",
                "CustomerCenterSigning",
                "CustomerCenterRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "customer-center",
            dependencies: ["CustomerCenterCLI", "CustomerCenterLogging", .product(name: "Logging", package: "swift-log")]
        ),
        // The benchmark's one-customer regeneration (scripts/bench.sh), and the build for profilers; not part of the product.
        .executableTarget(
            name: "customer-center-bench",
            dependencies: [
                "CustomerCenterApplication", "CustomerCenterLedger", "CustomerCenterContent", "CustomerCenterModel",
                "CustomerCenterRender", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Temporary folders and paths to the repository's demo content, shared by the test targets.
        .target(name: "CustomerCenterTestSupport", path: "Tests/CustomerCenterTestSupport"),
        // A fresh ledger per test on each engine (SQLite; PostgreSQL when scripts/test.sh started a server).
        .target(
            name: "CustomerCenterLedgerTestSupport",
            dependencies: ["CustomerCenterLedger", "CustomerCenterLedgerPostgres"],
            path: "Tests/CustomerCenterLedgerTestSupport"
        ),

        .testTarget(name: "CustomerCenterModelTests", dependencies: ["CustomerCenterModel"]),
        .testTarget(name: "CustomerCenterJSONTests", dependencies: ["CustomerCenterJSON"]),
        .testTarget(
            name: "CustomerCenterLoggingTests",
            dependencies: ["CustomerCenterLogging", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "CustomerCenterProviderEventsTests",
            dependencies: ["CustomerCenterProviderEvents", "CustomerCenterModel"]
        ),
        .testTarget(
            name: "CustomerCenterContentTests",
            dependencies: ["CustomerCenterContent", "CustomerCenterModel", "CustomerCenterTestSupport"]
        ),
        .testTarget(
            name: "CustomerCenterLedgerTests",
            dependencies: ["CustomerCenterLedger", "CustomerCenterLedgerPostgres", "CustomerCenterModel", "CustomerCenterTestSupport",
                           "CustomerCenterLedgerTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            // A v6 ledger written by the commands of ef46098 (scripts/make-ledger-fixture.sh).
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CustomerCenterSigningTests",
            dependencies: ["CustomerCenterSigning", "CustomerCenterTestSupport"]
        ),
        .testTarget(
            name: "CustomerCenterRenderTests",
            dependencies: ["CustomerCenterRender", "CustomerCenterContent", "CustomerCenterSigning", "CustomerCenterModel",
                           "CustomerCenterTestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "CustomerCenterProcessTests",
            dependencies: ["CustomerCenterProcess", "CustomerCenterTestSupport"]
        ),
        .testTarget(
            name: "CustomerCenterMailTests",
            dependencies: ["CustomerCenterMail", "CustomerCenterRender", "CustomerCenterTestSupport"]
        ),
        .testTarget(
            name: "CustomerCenterBankingTests",
            dependencies: ["CustomerCenterBanking", "CustomerCenterModel", "CustomerCenterTestSupport"],
            resources: [.copy("Statements")]
        ),
        .testTarget(
            name: "CustomerCenterReceiverTests",
            dependencies: [
                "CustomerCenterReceiver", "CustomerCenterApplication", "CustomerCenterLedger", "CustomerCenterLedgerTestSupport",
                "CustomerCenterRender", "CustomerCenterContent",
                "CustomerCenterSigning", "CustomerCenterModel", "CustomerCenterTestSupport", "CustomerCenterLogging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CustomerCenterCLITests",
            dependencies: ["CustomerCenterCLI", "customer-center", "CustomerCenterTestSupport", "CustomerCenterApplication", "CustomerCenterReceiver", "CustomerCenterLedger",
                           "CustomerCenterLedgerTestSupport", "CustomerCenterContent", "CustomerCenterModel", "CustomerCenterSigning", "CustomerCenterRender"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
