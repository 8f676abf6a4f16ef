import Crypto
import Daemon
import Domain
import Mongo

extension DomainLiveStore {
    /// The production store: the same Mongo stores and use cases the FastCGI workers use.
    static func production(pool: MongoClientPool, config: CohortaConfig, signer: JWTSigner) -> DomainLiveStore {
        let database = config.mongoDatabase
        let clock = SystemClock()
        let users = MongoUserStore(pool: pool, database: database)
        let sessions = MongoSessionStore(pool: pool, database: database)
        let tasks = MongoTaskStore(pool: pool, database: database)
        let settings = CachedSettings(
            store: MongoSettingsStore(pool: pool, database: database), clock: clock,
            lifetime: Double(config.settingsCacheSeconds))
        let quota = SpendingQuota(
            quotas: MongoQuotaStore(pool: pool, database: database), settings: settings, clock: clock)
        let launch = SessionLaunch(
            focusGroups: MongoFocusGroupStore(pool: pool, database: database),
            personas: MongoPersonaStore(pool: pool, database: database), sessions: sessions, users: users,
            ledger: MongoLedgerStore(pool: pool, database: database),
            settings: settings,
            pricing: MongoModelPricingStore(pool: pool, database: database),
            models: LLMModelNames(main: config.llmModelMain, mini: config.llmModelMini),
            launch: TaskLauncher(
                store: tasks, clock: clock, policy: TaskPolicy(activePerUser: config.tasksPerUser), quota: quota),
            clock: clock)
        return DomainLiveStore(
            authenticate: Authenticate(signer: signer, users: users, clock: clock), sessions: sessions,
            control: SessionControl(sessions: sessions, tasks: tasks, clock: clock), launch: launch)
    }
}
