import Foundation
import Glibc
import HTTPClient
import Testing

/// `scripts/llm-simulator.py` on a free loopback port (`--port 0`; the port is read from its "listening"
/// log line), started for a suite and stopped after it. Faults are queued per model, so tests that use
/// their own model names can run in parallel against one simulator.
///
/// `@unchecked Sendable`: every property is immutable; `process` is only started and stopped by the
/// suite scope that owns the simulator.
final class Simulator: @unchecked Sendable {
    @TaskLocal static var current: Simulator?

    let port: Int
    let requiredKey: String?
    private let process: Process
    private let logFile: URL

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    init(requireKey: String? = nil) throws {
        try CurlRuntime.initialize()
        requiredKey = requireKey
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("llm-sim-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", repo.appendingPathComponent("scripts/llm-simulator.py").path, "--port", "0"]
            + (requireKey.map { ["--require-key", $0] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: logFile)
        try process.run()
        port = try Self.announcedPort(in: logFile, of: process)
    }

    /// SIGKILL: a child of the test process inherits its blocked-signal mask, so SIGTERM would stay
    /// pending; the simulator keeps no state worth a clean stop.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: logFile)
    }

    /// Queues faults for the next completions of `model`, e.g. `faults(["429"], model: m, extra: ["retry_after": 2])`.
    func queue(_ faults: [String], model: String, extra: [String: Double] = [:]) throws {
        var body: [String: Any] = ["faults": faults, "model": model]
        for (key, value) in extra { body[key] = value }
        let response = try CurlHTTPClient().send(
            HTTPClientRequest(
                method: .post, url: "http://127.0.0.1:\(port)/__faults", headers: ["Content-Type": "application/json"],
                body: Array(try JSONSerialization.data(withJSONObject: body))))
        try #require(response.status == 200, "fault queued")
    }

    /// Completions the simulator answered for `model` so far.
    func completions(of model: String) throws -> Int {
        let response = try CurlHTTPClient().send(HTTPClientRequest(url: "http://127.0.0.1:\(port)/__stats"))
        let stats = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let byModel = stats?["by_model"] as? [String: Any]
        return (byModel?[model] as? Int) ?? 0
    }

    private static func announcedPort(in log: URL, of process: Process) throws -> Int {
        for _ in 0..<200 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("msg=\"listening\"") }),
                let field = line.split(separator: " ").first(where: { $0.hasPrefix("port=") }),
                let port = Int(field.dropFirst("port=".count))
            {
                return port
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        throw SimulatorError(log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}

struct SimulatorError: Error {
    let log: String
}

/// Starts one simulator around a whole suite and exposes it as `Simulator.current`.
struct SimulatorTrait: SuiteTrait, TestScoping {
    let requireKey: String?

    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let simulator = try Simulator(requireKey: requireKey)
        defer { simulator.stop() }
        try await Simulator.$current.withValue(simulator) { try await function() }
    }
}

extension Trait where Self == SimulatorTrait {
    static var simulator: Self { Self(requireKey: nil) }
    static func simulator(requiringKey key: String) -> Self { Self(requireKey: key) }
}
