public import Logging

/// Every setting both executables read, parsed and validated once at startup (keys documented in deploy/cohorta.env.example).
public struct CohortaConfig: Sendable {
    /// A clearly marked secret used only when `COHORTA_DEV_MODE` is on and no secret is configured.
    public static let developmentJWTSecret = Array("cohorta-DEV-ONLY-insecure-jwt-secret-never-deploy".utf8)
    public static let developmentMongoURI = "mongodb://127.0.0.1:27017/?directConnection=true"

    public var devMode: Bool
    public var jwtSecret: [UInt8]
    public var jwtTTLSeconds: Int
    public var mongoURI: String
    public var mongoDatabase: String
    public var fcgiSocket: String
    public var fcgiWorkers: Int
    public var fcgiThreads: Int
    public var maxBodyBytes: Int
    public var wsSocket: String
    /// A loopback TCP port for cohorta-ws instead of the unix socket (tests only).
    public var wsPort: Int?
    public var logLevel: Logger.Level
    public var runnerProcesses: Int
    public var runnerThreads: Int
    public var tasksPerUser: Int
    /// Settings that were accepted only because of dev mode; log them as warnings after startup.
    public var warnings: [String]

    public init(_ source: EnvironmentSource) throws(ConfigError) {
        let reader = SettingsReader(source: source)
        devMode = try reader.bool("COHORTA_DEV_MODE", default: false)
        warnings = []
        jwtTTLSeconds = try reader.int("COHORTA_JWT_TTL_SECONDS", default: 86_400, in: 60...2_592_000)
        mongoDatabase = try reader.string("COHORTA_MONGO_DB", default: "cohorta")
        fcgiSocket = try reader.socketPath("COHORTA_FCGI_SOCKET", default: "/run/cohorta/fcgi.sock")
        fcgiWorkers = try reader.int("COHORTA_FCGI_WORKERS", default: 2, in: 1...128)
        fcgiThreads = try reader.int("COHORTA_FCGI_THREADS", default: 8, in: 1...512)
        maxBodyBytes = try reader.int("COHORTA_MAX_BODY_BYTES", default: 1_048_576, in: 1024...104_857_600)
        wsSocket = try reader.socketPath("COHORTA_WS_SOCKET", default: "/run/cohorta/ws.sock")
        wsPort = try reader.optionalInt("COHORTA_WS_PORT", in: 1...65_535)
        logLevel = try reader.logLevel("COHORTA_LOG_LEVEL", default: .info)
        runnerProcesses = try reader.int("COHORTA_RUNNER_PROCESSES", default: 1, in: 1...64)
        runnerThreads = try reader.int("COHORTA_RUNNER_THREADS", default: 4, in: 1...256)
        tasksPerUser = try reader.int("COHORTA_TASKS_PER_USER", default: 3, in: 1...1000)
        mongoURI = try Self.mongoURI(source, devMode: devMode)
        jwtSecret = try Self.jwtSecret(source, devMode: devMode, warnings: &warnings)
    }

    /// Loads from the process environment; on a bad setting logs it and exits with 78 (EX_CONFIG).
    public static func loadOrExit(logger: Logger) -> CohortaConfig {
        do {
            let config = try CohortaConfig(EnvironmentSource.current())
            for warning in config.warnings {
                logger.warning("insecure development setting", metadata: ["reason": "\(warning)"])
            }
            return config
        } catch {
            logger.error(
                "invalid configuration",
                metadata: ["setting": "\(error.setting)", "reason": "\(error.reason)", "code": "\(error.code)"])
            ExitCode.exit(.configuration)
        }
    }

    private static func mongoURI(_ source: EnvironmentSource, devMode: Bool) throws(ConfigError) -> String {
        let key = "COHORTA_MONGO_URI"
        guard let uri = source.value(key) else {
            if devMode { return developmentMongoURI }
            throw ConfigError(.missing, setting: key, reason: "required (a mongodb:// or mongodb+srv:// URI)")
        }
        guard uri.hasPrefix("mongodb://") || uri.hasPrefix("mongodb+srv://") else {
            throw ConfigError(.invalid, setting: key, reason: "must start with mongodb:// or mongodb+srv://")
        }
        return uri
    }

    private static func jwtSecret(_ source: EnvironmentSource, devMode: Bool, warnings: inout [String])
        throws(ConfigError) -> [UInt8]
    {
        let key = "COHORTA_JWT_SECRET"
        guard let secret = try source.secret(key) else {
            guard devMode else {
                throw ConfigError(
                    .missing, setting: key, reason: "required (at least 32 random bytes; or credential jwt_secret)")
            }
            warnings.append("\(key) is not set: using the built-in development secret")
            return developmentJWTSecret
        }
        if let weakness = SecretStrength.weakness(of: Array(secret.utf8)) {
            guard devMode else { throw ConfigError(.weak, setting: key, reason: weakness) }
            warnings.append("\(key) \(weakness): accepted only because COHORTA_DEV_MODE is on")
        }
        return Array(secret.utf8)
    }
}
