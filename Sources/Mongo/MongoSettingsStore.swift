internal import BSON
public import Domain

/// `SettingsStore` over `app_settings` `{_id: "credits", trial_credits, persona_creation_cost,
/// focus_group_run_cost, monthly_usd_quota_micro, credit_packs [{id, name, price_cents, credits}]}`. A missing
/// document or field (or an unreadable pack list) reads as `AppSettings.defaults`. Thread-safe: every call
/// borrows its own client.
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
            focusGroupRunCost: credits("focus_group_run_cost", defaults.focusGroupRunCost),
            creditPacks: stored.flatMap(Self.packs) ?? defaults.creditPacks,
            monthlyUSDQuota: stored?["monthly_usd_quota_micro"]?.int64Value.map(MicroUSD.init)
                ?? defaults.monthlyUSDQuota)
    }

    /// The stored pack list, or nil when it is absent or any pack in it is incomplete.
    private static func packs(_ document: BSONDocument) -> [CreditPack]? {
        guard case .array(let items)? = document["credit_packs"], !items.isEmpty else { return nil }
        var packs: [CreditPack] = []
        for item in items {
            guard case .document(let fields) = item else { return nil }
            func field(_ name: String) -> BSONValue? { fields.first { $0.0 == name }?.1 }
            guard case .string(let id)? = field("id"), case .string(let name)? = field("name"),
                let price = field("price_cents")?.int64Value, let credits = field("credits")?.int64Value,
                price > 0, credits > 0
            else { return nil }
            packs.append(CreditPack(id: id, name: name, priceCents: price, credits: Credits(credits)))
        }
        return packs
    }
}
