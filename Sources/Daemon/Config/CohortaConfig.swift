import Foundation
public import Logging

/// Every setting both executables read, parsed and validated once at startup (keys documented in deploy/cohorta.env.example).
public struct CohortaConfig: Sendable {
    /// A clearly marked secret used only when `COHORTA_DEV_MODE` is on and no secret is configured.
    public static let developmentJWTSecret = Array("cohorta-DEV-ONLY-insecure-jwt-secret-never-deploy".utf8)
    public static let developmentMongoURI = "mongodb://127.0.0.1:27017/?directConnection=true"
    /// The local LLM simulator (`scripts/llm-simulator.py`), used when COHORTA_LLM_BASE_URL is not set.
    public static let simulatorLLMBaseURL = "http://127.0.0.1:8089/v1"

    /// How the LLM key is sent: `Authorization: Bearer <key>`, or Azure OpenAI's `api-key: <key>`.
    public enum LLMAuthHeader: String, Sendable, CaseIterable {
        case bearer
        case apiKey = "api-key"
    }

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
    /// Per-process metrics segments, aggregated by GET /metrics (`COHORTA_METRICS_DIR`).
    public var metricsDirectory: String
    /// A loopback TCP port for cohorta-ws instead of the unix socket (tests only).
    public var wsPort: Int?
    /// Origins allowed to open a WebSocket besides the server's own (`Origin` host equal to `Host`).
    public var wsAllowedOrigins: [String]
    /// WebSocket connections one user may hold on one cohorta-ws process.
    public var wsMaxConnectionsPerUser: Int
    public var logLevel: Logger.Level
    /// OpenAI-compatible base URL (`…/v1`); `/chat/completions` is appended.
    public var llmBaseURL: String
    public var llmAPIKey: String?
    public var llmAuthHeader: LLMAuthHeader
    public var llmModelMain: String
    public var llmModelMini: String
    /// Bounds one LLM attempt, streaming included.
    public var llmTimeoutSeconds: Int
    /// The base URL is our simulator (reported by /api/version so the UI can say so).
    public var llmSimulated: Bool
    public var runnerProcesses: Int
    public var runnerThreads: Int
    /// Tasks one user may have queued or running at once.
    public var tasksPerUser: Int
    /// How long each process serves `app_settings` from memory: an admin's change takes effect within it.
    public var settingsCacheSeconds: Int
    /// How long an export can be downloaded after it was made (`COHORTA_EXPORT_TTL_HOURS`, default 24).
    public var exportTTLHours: Int
    /// The prompt templates (`prompts/` of the source tree), loaded and checked when a runner starts.
    public var promptsDirectory: String
    /// Stripe Checkout and webhook settings (`STRIPE_*`, `COHORTA_PUBLIC_URL`).
    public var stripe: StripeSettings
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
        metricsDirectory = try reader.string("COHORTA_METRICS_DIR", default: "/run/cohorta/metrics")
        wsPort = try reader.optionalInt("COHORTA_WS_PORT", in: 1...65_535)
        wsAllowedOrigins = try reader.string("COHORTA_WS_ALLOWED_ORIGINS", default: "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        wsMaxConnectionsPerUser = try reader.int("COHORTA_WS_MAX_CONNECTIONS_PER_USER", default: 16, in: 1...100_000)
        logLevel = try reader.logLevel("COHORTA_LOG_LEVEL", default: .info)
        mongoURI = try Self.mongoURI(source, devMode: devMode)
        jwtSecret = try Self.jwtSecret(source, devMode: devMode, warnings: &warnings)
        llmAuthHeader = try Self.authHeader(source)
        llmModelMain = try Self.modelName(source, "COHORTA_LLM_MODEL_MAIN", default: "cohorta-sim-main")
        llmModelMini = try Self.modelName(source, "COHORTA_LLM_MODEL_MINI", default: "cohorta-sim-mini")
        llmTimeoutSeconds = try reader.int("COHORTA_LLM_TIMEOUT_SECONDS", default: 120, in: 1...3600)
        promptsDirectory = try reader.string("COHORTA_PROMPTS_DIR", default: "/usr/share/cohorta/prompts")
        llmAPIKey = try source.secret("COHORTA_LLM_API_KEY")
        let configuredURL = source.value("COHORTA_LLM_BASE_URL")
        llmBaseURL = configuredURL ?? Self.simulatorLLMBaseURL
        llmSimulated = try reader.bool("COHORTA_LLM_SIMULATED", default: configuredURL == nil)
        try Self.checkLLMEndpoint(
            url: llmBaseURL, key: llmAPIKey, header: llmAuthHeader, devMode: devMode, warnings: &warnings)
        runnerProcesses = try reader.int("COHORTA_RUNNER_PROCESSES", default: 1, in: 1...64)
        runnerThreads = try reader.int("COHORTA_RUNNER_THREADS", default: 4, in: 1...256)
        tasksPerUser = try reader.int("COHORTA_TASKS_PER_USER", default: 3, in: 1...100)
        settingsCacheSeconds = try reader.int("COHORTA_SETTINGS_CACHE_SECONDS", default: 60, in: 1...3600)
        exportTTLHours = try reader.int("COHORTA_EXPORT_TTL_HOURS", default: 24, in: 1...720)
        stripe = try StripeSettings(source, devMode: devMode)
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

    private static func authHeader(_ source: EnvironmentSource) throws(ConfigError) -> LLMAuthHeader {
        let key = "COHORTA_LLM_AUTH_HEADER"
        guard let raw = source.value(key) else { return .bearer }
        guard let header = LLMAuthHeader(rawValue: raw.lowercased()) else {
            throw ConfigError(.invalid, setting: key, reason: "must be bearer or api-key")
        }
        return header
    }

    /// A model or deployment name: up to 128 printable ASCII characters, no spaces.
    private static func modelName(_ source: EnvironmentSource, _ key: String, default fallback: String)
        throws(ConfigError) -> String
    {
        let name = source.value(key) ?? fallback
        guard name.utf8.count <= 128, name.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw ConfigError(
                .invalid, setting: key, reason: "must be a model name without spaces (at most 128 characters)")
        }
        return name
    }

    /// An http(s) URL with a host; a key is never sent in clear text beyond loopback (outside dev mode),
    /// and Azure's `api-key` header needs a key.
    private static func checkLLMEndpoint(
        url: String, key: String?, header: LLMAuthHeader, devMode: Bool, warnings: inout [String]
    ) throws(ConfigError) {
        let setting = "COHORTA_LLM_BASE_URL"
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            let host = parsed.host, !host.isEmpty
        else { throw ConfigError(.invalid, setting: setting, reason: "must be an http:// or https:// URL") }
        if scheme == "http", key != nil, !["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) {
            guard devMode else {
                throw ConfigError(.invalid, setting: setting, reason: "must use https:// when an API key is set")
            }
            warnings.append(
                "\(setting) sends the API key over plain http: accepted only because COHORTA_DEV_MODE is on")
        }
        if header == .apiKey, key == nil {
            throw ConfigError(
                .missing, setting: "COHORTA_LLM_API_KEY", reason: "required with COHORTA_LLM_AUTH_HEADER=api-key")
        }
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
