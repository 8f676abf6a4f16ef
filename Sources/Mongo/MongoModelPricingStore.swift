internal import BSON
public import Domain

/// `ModelPricingStore` over `model_pricing` `{_id: model, input_micro_usd_per_1k, output_micro_usd_per_1k}`.
/// Thread-safe: every call borrows its own client.
public struct MongoModelPricingStore: ModelPricingStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func pricing(model: String) throws -> ModelPricing? {
        let stored = try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.modelPricing)
                    .findOne(["_id": .string(model)])
            }
        }
        guard let stored else { return nil }
        return ModelPricing(
            model: model, inputPer1K: MicroUSD(stored["input_micro_usd_per_1k"]?.int64Value ?? 0),
            outputPer1K: MicroUSD(stored["output_micro_usd_per_1k"]?.int64Value ?? 0))
    }

    /// Sets the price of `pricing.model`, replacing any earlier one (admin tooling, tests).
    public func setPricing(_ pricing: ModelPricing) throws {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.modelPricing)
                    .updateOne(["_id": .string(pricing.model)], ["$set": .document(Self.prices(pricing))], upsert: true)
            }
        }
    }

    /// Inserts each price whose model has none yet; existing prices are kept.
    static func insertIfAbsent(_ prices: [ModelPricing], in database: MongoDatabase) throws {
        let collection = database.collection(MongoCollectionName.modelPricing)
        for pricing in prices {
            do {
                try collection.insertOne(BSONDocument([("_id", .string(pricing.model))] + Self.prices(pricing)))
            } catch let error as MongoError where error.code == .duplicateKey {
                continue
            }
        }
    }

    private static func prices(_ pricing: ModelPricing) -> [(String, BSONValue)] {
        [
            ("input_micro_usd_per_1k", .int64(pricing.inputPer1K.value)),
            ("output_micro_usd_per_1k", .int64(pricing.outputPer1K.value)),
        ]
    }
}
