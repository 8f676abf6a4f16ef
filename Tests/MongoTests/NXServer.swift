import Foundation
import Glibc
import Mongo
import Testing

/// One nx-27017 (in-memory) on a free loopback port, started for a test suite and stopped after it.
/// Binary: $COHORTA_NX27017, else <repo>/.venv/bin/nx-27017, else nx-27017 on PATH.
///
/// `@unchecked Sendable`: every property is immutable; `process` is only started and stopped by the
/// suite scope, which owns the server.
final class NXServer: @unchecked Sendable {
    @TaskLocal static var current: NXServer?

    let port: Int
    private let process: Process
    private let directory: URL

    var uri: String { "mongodb://127.0.0.1:\(port)/?directConnection=true&serverSelectionTimeoutMS=3000" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        process = Process()
        let (executable, prefix) = Self.binary()
        process.executableURL = executable
        process.arguments =
            prefix + [
                "--db", "memory", "-p", String(port),
                "--log-file", directory.appendingPathComponent("nx.log").path,
                "--pid-file", directory.appendingPathComponent("nx.pid").path,
            ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening()
    }

    func stop() {
        // nx-27017 (asyncio) may not exit on SIGTERM/SIGINT while clients are connected: insist with SIGKILL.
        for signal in [SIGINT, SIGKILL] where process.isRunning {
            kill(process.processIdentifier, signal)
            for _ in 0..<20 where process.isRunning { usleep(50_000) }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func binary() -> (URL, [String]) {
        if let path = ProcessInfo.processInfo.environment["COHORTA_NX27017"], !path.isEmpty {
            return (URL(fileURLWithPath: path), [])
        }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let venv = repo.appendingPathComponent(".venv/bin/nx-27017")
        if FileManager.default.isExecutableFile(atPath: venv.path) { return (venv, []) }
        return (URL(fileURLWithPath: "/usr/bin/env"), ["nx-27017"])
    }

    private func waitUntilListening() throws {
        for _ in 0..<300 {
            guard process.isRunning else { break }
            if Self.canConnect(port: port) { return }
            usleep(50_000)
        }
        stop()
        throw ServerError.didNotStart
    }

    enum ServerError: Error { case didNotStart, noFreePort }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.noFreePort }
        defer { close(fd) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw ServerError.noFreePort }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw ServerError.noFreePort }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// Starts one server around a whole suite (not per test) and exposes it as `NXServer.current`.
struct NXServerTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try NXServer()
        defer { server.stop() }
        try await NXServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == NXServerTrait {
    static var nxServer: Self { Self() }
}

/// A pool on the suite's server and a database of its own, with the schema's indexes.
struct MongoFixture {
    let pool: MongoClientPool
    let database: String

    init() throws {
        let server = try #require(NXServer.current, "the suite needs the .nxServer trait")
        MongoRuntime.initialize()
        pool = try MongoClientPool(uri: server.uri, appName: "cohorta-tests", maxSize: 64)
        database = "t_\(UUID().uuidString.prefix(8).lowercased())"
        try MongoSchema.ensureIndexes(pool: pool, database: database)
    }

    func withDatabase<R>(_ body: (MongoDatabase) throws -> R) rethrows -> R {
        try pool.withClient { try body($0.database(database)) }
    }
}

/// Runs `body(i)` for i in 0..<count on `count` OS threads at once and waits for all of them
/// (blocking C must not run on Swift's cooperative pool).
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            body(index)
            done.leave()
        }
        thread.start()
    }
    done.wait()
}
