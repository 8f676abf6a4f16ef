internal import BSON
internal import Domain

extension MongoSchema {
    /// `usage_events` by user, newest first (usage pages); `model_prices` by model, latest effective first
    /// (the price in force), and the simulator's zero prices seeded (never overwriting a price someone set).
    /// `llm_calls` is read by `_id` only.
    static func ensureLLMCollections(in database: MongoDatabase) throws {
        try database.collection(MongoCollectionName.usageEvents).createIndex(["user_id": 1, "created_at": -1])
        try database.collection(MongoCollectionName.modelPrices).createIndex(["model": 1, "effective_from": -1])
        try MongoModelPricingStore.insertIfAbsent(ModelPricing.simulatorDefaults, in: database)
    }
}
