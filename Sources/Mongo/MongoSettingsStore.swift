internal import BSON
public import Domain

/// `WritableSettingsStore` over `app_settings` `{_id: "credits", trial_credits, persona_creation_cost,
/// focus_group_run_cost, monthly_usd_quota_micro, credit_packs [{id, name, price_cents, credits, active}]}`.
/// A missing document or field (or an unreadable pack list) reads as `AppSettings.defaults`; a pack without
/// `active` (stored before packs could be withdrawn) is active, and `active` is read as a bool or nx-27017's
/// integer. The administrator replaces the whole document (no `$set`, so types stay exact). Thread-safe:
/// every call borrows its own client.
public struct MongoSettingsStore: WritableSettingsStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func appSettings() throws -> AppSettings {
        let stored = try withSettings { try $0.findOne(Self.filter) }
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

    /// Replaces the document, or inserts it the first time (a concurrent first insert is replaced instead).
    public func replace(with settings: AppSettings) throws {
        let document = Self.document(settings)
        try withSettings { collection in
            if try collection.replaceOne(Self.filter, with: document).matched > 0 { return }
            do {
                try collection.insertOne(document)
            } catch let error as MongoError where error.code == .duplicateKey {
                try collection.replaceOne(Self.filter, with: document)
            }
        }
    }

    private static let filter: BSONDocument = ["_id": "credits"]

    private static func document(_ settings: AppSettings) -> BSONDocument {
        BSONDocument([
            ("_id", .string("credits")), ("trial_credits", .int64(settings.trialCredits.value)),
            ("persona_creation_cost", .int64(settings.personaCreationCost.value)),
            ("focus_group_run_cost", .int64(settings.focusGroupRunCost.value)),
            ("monthly_usd_quota_micro", .int64(settings.monthlyUSDQuota.value)),
            (
                "credit_packs",
                .array(
                    settings.creditPacks.map { pack in
                        .document([
                            ("id", .string(pack.id)), ("name", .string(pack.name)),
                            ("price_cents", .int64(pack.priceCents)), ("credits", .int64(pack.credits.value)),
                            ("active", .bool(pack.active)),
                        ])
                    })
            ),
        ])
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
            packs.append(
                CreditPack(
                    id: id, name: name, priceCents: price, credits: Credits(credits),
                    active: field("active").map(Self.isSet) ?? true))
        }
        return packs
    }

    /// A stored flag: a bool, or nx-27017's integer form (nonzero is true).
    private static func isSet(_ value: BSONValue) -> Bool {
        if case .bool(let flag) = value { return flag }
        return (value.int64Value ?? 1) != 0
    }

    private func withSettings<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.appSettings))
            }
        }
    }
}
