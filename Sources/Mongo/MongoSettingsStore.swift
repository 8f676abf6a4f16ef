internal import BSON
public import Domain

/// `SettingsStore` over `app_settings` `{_id: "credits", …}`. A missing document or field reads as
/// `AppSettings.defaults`. Thread-safe: every call borrows its own client.
public struct MongoSettingsStore: SettingsStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func appSettings() throws -> AppSettings {
        let stored = try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.appSettings).findOne(["_id": "credits"])
            }
        }
        let defaults = AppSettings.defaults
        func credits(_ key: String, _ fallback: Credits) -> Credits {
            stored?[key]?.int64Value.map(Credits.init) ?? fallback
        }
        return AppSettings(
            trialCredits: credits("trial_credits", defaults.trialCredits),
            personaCreationCost: credits("persona_creation_cost", defaults.personaCreationCost),
            focusGroupRunCost: credits("focus_group_run_cost", defaults.focusGroupRunCost))
    }
}
