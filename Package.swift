// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Backflow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "backflow", targets: ["backflow"]),
        .library(name: "BackflowCore", targets: ["BackflowCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "CBackflowSQL",
            dependencies: ["CSQLite"]
        ),
        .target(
            name: "BackflowCore",
            dependencies: [
                "CSQLite", "CBackflowSQL", "CZlib", "CLibPQ", "Yams",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "BackflowSink",
            dependencies: [
                "BackflowCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "BackflowTUI",
            dependencies: ["BackflowCore", "CNCurses", "Yams"]
        ),
        .executableTarget(
            name: "backflow",
            dependencies: [
                "BackflowCore",
                "BackflowSink",
                "BackflowTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc instead of glibc's malloc: a sync allocates a record's values on its scan thread
            // and frees them on the builder threads, a pattern glibc serves through locked arenas.
            // Measured: 11% less wall time for a full sync, peak RSS about the same (Benchmarks/README.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "BackflowCoreTests",
            dependencies: ["BackflowCore", "BackflowSink"],
            resources: [.copy("Fixtures")]
        ),
        .executableTarget(
            name: "backflow-tui-bench",
            dependencies: ["BackflowCore", "BackflowTUI"],
            path: "Benchmarks/TUIRender"
        ),
        .testTarget(
            name: "BackflowCLITests",
            dependencies: ["backflow"]
        ),
        .testTarget(
            name: "BackflowSyncTests",
            dependencies: ["BackflowCore", "BackflowSink"]
        ),
        .testTarget(
            name: "BackflowTUITests",
            dependencies: ["BackflowTUI", "BackflowCore", "backflow"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "BackflowSinkTests",
            dependencies: [
                "BackflowCore", "BackflowSink",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
