import Crypto
import Daemon
import Domain
import LLM
import Logging
import Metrics
import Mongo

extension LLMGateway {
    /// The gateway of one runner process: the configured OpenAI-compatible endpoint (or the simulator),
    /// replay, accounting and the monthly spend limit in Mongo. One per process; the transport keeps a client
    /// per thread.
    static func production(pool: MongoClientPool, config: CohortaConfig, logger: Logger, metrics: MetricsSegment?)
        -> LLMGateway
    {
        let authentication: OpenAICompatibleTransport.Configuration.Authentication =
            switch (config.llmAPIKey, config.llmAuthHeader) {
            case (nil, _): .none
            case (let key?, .apiKey): .apiKey(key)
            case (let key?, .bearer): .bearer(key)
            }
        let transport = OpenAICompatibleTransport(
            configuration: .init(
                baseURL: config.llmBaseURL, authentication: authentication,
                timeout: .seconds(config.llmTimeoutSeconds)),
            logger: logger)
        let database = config.mongoDatabase
        let clock = SystemClock()
        let quota = SpendingQuota(
            quotas: MongoQuotaStore(pool: pool, database: database),
            settings: CachedSettings(
                store: MongoSettingsStore(pool: pool, database: database), clock: clock,
                lifetime: Double(config.settingsCacheSeconds)),
            clock: clock)
        return LLMGateway(
            transport: transport,
            calls: MongoLLMCallStore(pool: pool, database: database),
            usageEvents: MongoUsageEventStore(pool: pool, database: database),
            pricing: MongoModelPricingStore(pool: pool, database: database),
            digest: SHA256Digest(), sleeper: ThreadSleeper(), clock: SystemClock(),
            models: LLMModelNames(main: config.llmModelMain, mini: config.llmModelMini),
            random: { Double.random(in: 0..<1) }, quota: quota, observer: metrics.map(LLMMetrics.init))
    }
}
