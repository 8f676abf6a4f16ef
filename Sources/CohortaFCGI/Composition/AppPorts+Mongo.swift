import Crypto
import Daemon
import Domain
import Mongo

extension AppPorts {
    /// The production ports of one process: Mongo stores over `pool`, bcrypt, HS256 tokens, the system clock.
    static func production(pool: MongoClientPool, config: CohortaConfig) -> AppPorts {
        let database = config.mongoDatabase
        return AppPorts(
            users: MongoUserStore(pool: pool, database: database),
            ledger: MongoLedgerStore(pool: pool, database: database),
            settings: MongoSettingsStore(pool: pool, database: database),
            loginAttempts: MongoLoginAttemptStore(pool: pool, database: database),
            hasher: BcryptPasswordHasher(cost: 12),
            signer: JWTSigner(secret: config.jwtSecret),
            health: MongoHealthProbe(pool: pool, database: database),
            personas: MongoPersonaStore(pool: pool, database: database),
            folders: MongoFolderStore(pool: pool, database: database),
            customerData: MongoCustomerDataStore(pool: pool, database: database),
            usageEvents: MongoUsageEventStore(pool: pool, database: database),
            clock: SystemClock(),
            tasks: MongoTaskStore(pool: pool, database: database),
            taskPolicy: TaskPolicy(activePerUser: config.tasksPerUser),
            focusGroups: MongoFocusGroupStore(pool: pool, database: database),
            stimulusImages: MongoStimulusImageStore(pool: pool, database: database),
            sessions: MongoSessionStore(pool: pool, database: database),
            liveActivity: MongoLiveActivityStore(pool: pool, database: database),
            modelPricing: MongoModelPricingStore(pool: pool, database: database),
            models: LLMModelNames(main: config.llmModelMain, mini: config.llmModelMini),
            quotas: MongoQuotaStore(pool: pool, database: database),
            adminAudit: MongoAdminAuditStore(pool: pool, database: database),
            sessionCounter: MongoSessionCounter(pool: pool, database: database),
            billing: BillingPorts.production(pool: pool, config: config),
            activityHistory: MongoActivityHistory(pool: pool, database: database),
            settingsCacheLifetime: Double(config.settingsCacheSeconds),
            exports: MongoExportStore(pool: pool, database: database),
            exportLifetime: Double(config.exportTTLHours) * 3600)
    }
}
