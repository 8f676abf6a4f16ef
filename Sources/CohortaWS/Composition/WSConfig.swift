// Config, logfmt logging and stop signals for cohorta-ws: the one file the shared Daemon module
// (Config, LogHandler, SignalFlags) will replace.
import Foundation
import Logging

/// cohorta-ws settings, parsed once at startup from the environment (an optional COHORTA_ENV_FILE
/// fills in what the environment leaves unset; secrets come from $CREDENTIALS_DIRECTORY first).
struct WSConfig {
    struct Invalid: Error {
        let setting: String
        let reason: String
    }

    let socketPath: String
    let loopbackPort: Int?
    let jwtSecret: [UInt8]
    let devMode: Bool
    let logLevel: Logger.Level

    /// Main thread, at startup. Exits 78 (EX_CONFIG) naming the setting when something is wrong.
    static func loadOrExit() -> WSConfig {
        do { return try load(environment: ProcessInfo.processInfo.environment) } catch {
            // Logging is not bootstrapped yet: write the one logfmt line by hand.
            let timestamp = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
            let line = "<2>ts=\(timestamp) level=critical msg=\"invalid configuration\" setting=\(error.setting)"
            FileHandle.standardError.write(Data((line + " reason=\"\(error.reason)\"\n").utf8))
            exit(78)
        }
    }

    static func load(environment: [String: String]) throws(Invalid) -> WSConfig {
        var env = environment
        if let file = env["COHORTA_ENV_FILE"] {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Invalid(setting: "COHORTA_ENV_FILE", reason: "cannot read \(file)")
            }
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let pair = line.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let key = pair[0].trimmingCharacters(in: .whitespaces)
                if env[key] == nil { env[key] = pair[1].trimmingCharacters(in: .whitespaces) }
            }
        }
        let devMode = ["1", "true"].contains(env["COHORTA_DEV_MODE"]?.lowercased() ?? "")
        guard let logLevel = Logger.Level(rawValue: env["COHORTA_LOG_LEVEL"] ?? "info") else {
            throw Invalid(
                setting: "COHORTA_LOG_LEVEL", reason: "use trace, debug, info, notice, warning, error or critical")
        }
        var port: Int?
        if let text = env["COHORTA_WS_PORT"] {
            guard let value = Int(text), (1...65535).contains(value) else {
                throw Invalid(setting: "COHORTA_WS_PORT", reason: "must be a TCP port number")
            }
            port = value
        }
        let credential = env["CREDENTIALS_DIRECTORY"].flatMap {
            try? String(contentsOfFile: $0 + "/jwt_secret", encoding: .utf8)
        }
        var secret = Array((credential ?? env["COHORTA_JWT_SECRET"] ?? "").trimmingCharacters(in: .newlines).utf8)
        if secret.count < 32 {
            guard devMode else { throw Invalid(setting: "COHORTA_JWT_SECRET", reason: "must be at least 32 bytes") }
            if secret.isEmpty { secret = Array("cohorta-dev-mode-jwt-secret-do-not-use-in-production".utf8) }
        }
        return WSConfig(
            socketPath: env["COHORTA_WS_SOCKET"] ?? "/run/cohorta/ws.sock", loopbackPort: port, jwtSecret: secret,
            devMode: devMode, logLevel: logLevel)
    }

    /// Main thread, once. logfmt lines on fd 2; warns when dev mode relaxed a rule.
    func bootstrapLogging() -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = LogfmtHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "cohorta.ws")
        if devMode { logger.warning("dev mode: weak or missing secrets are accepted") }
        return logger
    }

    /// Main thread, before any other thread exists: SIGTERM/SIGINT are blocked here and taken by a
    /// dedicated thread with sigwait, which then calls `onStop` (a normal thread, so it may lock).
    static func onStopSignal(_ onStop: @escaping @Sendable () -> Void) {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        Thread.detachNewThread {
            var waitSet = blocked
            var signal: Int32 = 0
            sigwait(&waitSet, &signal)
            onStop()
        }
    }
}

/// `<N>ts=… level=… msg="…" key=value` on stderr, one write per line.
struct LogfmtHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let priority: [Logger.Level: Int] = [
            .trace: 7, .debug: 7, .info: 6, .notice: 5, .warning: 4, .error: 3, .critical: 2,
        ]
        let timestamp = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        var line =
            "<\(priority[event.level] ?? 6)>ts=\(timestamp) level=\(event.level) msg=\(Self.quote("\(event.message)"))"
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).sorted(by: {
            $0.key < $1.key
        }) {
            line += " \(key)=\(Self.quote("\(value)"))"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) || value.isEmpty else {
            return value
        }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
