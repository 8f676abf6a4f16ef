// swift-tools-version:6.0
import PackageDescription

/// Compiler settings every Swift target shares: Swift 6 mode plus the upcoming features STYLE.md asks for.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "Cohorta",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cohorta-fcgi", targets: ["CohortaFCGI"]),
        .executable(name: "cohorta-ws", targets: ["CohortaWS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2")
    ],
    targets: [
        // ── C system libraries: module.modulemap + shim.h (static inline only) ──
        .systemLibrary(name: "CFCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(
            name: "CMongoc", pkgConfig: "libmongoc-1.0", providers: [.apt(["libmongoc-dev", "libbson-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCrypt", pkgConfig: "libcrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CWebSockets", pkgConfig: "libwebsockets", providers: [.apt(["libwebsockets-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // ── pure Swift core ──
        .target(name: "Domain", swiftSettings: strictSettings),
        .target(name: "HTTPCore", swiftSettings: strictSettings),
        // The public JSON of sessions, messages and tasks, shared by the REST API and the live rooms.
        .target(name: "Representations", dependencies: ["Domain"], swiftSettings: strictSettings),
        // Per-process counters in shared-memory files, aggregated into Prometheus text by /metrics.
        .target(name: "Metrics", swiftSettings: strictSettings),
        .target(name: "Daemon", dependencies: ["Metrics", logging], swiftSettings: strictSettings),

        // ── adapters: safe Swift over one C library each ──
        .target(name: "BSON", dependencies: ["CMongoc"], swiftSettings: strictSettings),
        .target(
            name: "Mongo", dependencies: ["BSON", "CMongoc", "Domain", "Daemon", "Metrics", logging],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FastCGI", dependencies: ["CFCGI", "HTTPCore", "Daemon", "Metrics", logging],
            swiftSettings: strictSettings),
        .target(name: "HTTPClient", dependencies: ["CCurl"], swiftSettings: strictSettings),
        .target(name: "LLM", dependencies: ["HTTPClient", "Domain", logging], swiftSettings: strictSettings),
        .target(name: "Stripe", dependencies: ["HTTPClient", "Domain", logging], swiftSettings: strictSettings),
        .target(name: "Crypto", dependencies: ["COpenSSL", "CCrypt", "Domain"], swiftSettings: strictSettings),
        // A streaming ZIP writer (deflate via zlib), for DOCX exports.
        .target(name: "Zip", dependencies: ["CZlib"], swiftSettings: strictSettings),
        .target(
            name: "WebSocketServer", dependencies: ["CWebSockets", "Daemon", logging], swiftSettings: strictSettings),

        // ── executables: wiring and edges only ──
        .executableTarget(
            name: "CohortaFCGI",
            dependencies: [
                "Domain", "HTTPCore", "Daemon", "FastCGI", "Mongo", "Crypto", "HTTPClient", "LLM", "Representations",
                "Stripe", "Zip", "Metrics", logging,
            ],
            swiftSettings: strictSettings),
        .executableTarget(
            name: "CohortaWS",
            dependencies: [
                "Domain", "HTTPCore", "Daemon", "WebSocketServer", "Crypto", "Mongo", "Representations", "Metrics",
                logging,
            ],
            swiftSettings: strictSettings),

        // ── test support and tests: one target per module ──
        .target(name: "CohortaTestSupport", dependencies: ["Domain", "HTTPCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "DomainTests", dependencies: ["Domain", "CohortaTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "HTTPCoreTests", dependencies: ["HTTPCore"], swiftSettings: strictSettings),
        .testTarget(name: "MetricsTests", dependencies: ["Metrics"], swiftSettings: strictSettings),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", logging], swiftSettings: strictSettings),
        .testTarget(name: "BSONTests", dependencies: ["BSON"], swiftSettings: strictSettings),
        .testTarget(
            name: "MongoTests", dependencies: ["Mongo", "BSON", "Domain", "CohortaTestSupport", logging],
            swiftSettings: strictSettings),
        .testTarget(name: "FastCGITests", dependencies: ["FastCGI", "HTTPCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "HTTPClientTests", dependencies: ["HTTPClient"], exclude: ["Fixtures"], swiftSettings: strictSettings),
        .testTarget(
            name: "LLMTests", dependencies: ["LLM", "Domain", "HTTPClient", "CohortaTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "StripeTests", dependencies: ["Stripe", "Domain", "HTTPClient", logging],
            swiftSettings: strictSettings),
        .testTarget(name: "CryptoTests", dependencies: ["Crypto", "Domain"], swiftSettings: strictSettings),
        .testTarget(name: "ZipTests", dependencies: ["Zip"], swiftSettings: strictSettings),
        .testTarget(name: "WebSocketServerTests", dependencies: ["WebSocketServer"], swiftSettings: strictSettings),
        .testTarget(
            name: "CohortaWSTests",
            dependencies: ["CohortaWS", "Domain", "WebSocketServer", "CohortaTestSupport", logging],
            swiftSettings: strictSettings),
        .testTarget(
            name: "CohortaFCGITests",
            dependencies: ["CohortaFCGI", "Domain", "HTTPCore", "CohortaTestSupport", "Crypto"],
            swiftSettings: strictSettings),
    ]
)
