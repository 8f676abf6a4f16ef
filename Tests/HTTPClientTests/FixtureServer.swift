import Foundation

/// Runs `Fixtures/http_fixture.py` on a free loopback port for one test and stops it afterwards.
final class FixtureServer {
    let port: Int
    private let process: Process
    /// The server exits when this pipe closes, so it cannot outlive the test process.
    private let input = Pipe()

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts a server, runs `body` against it, and stops the server whatever happens.
    static func with<T>(_ body: (FixtureServer) throws -> T) throws -> T {
        let server = try FixtureServer()
        defer { server.stop() }
        return try body(server)
    }

    init() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/http_fixture.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        // The script binds port 0 and announces the port it got: "PORT 12345\n".
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let announced = String(decoding: line, as: UTF8.self)
        guard announced.hasPrefix("PORT "), let port = Int(announced.dropFirst(5)) else {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            throw FixtureError(message: "fixture server did not announce a port: \(announced)")
        }
        self.port = port
    }

    func stop() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct FixtureError: Error {
    let message: String
}
