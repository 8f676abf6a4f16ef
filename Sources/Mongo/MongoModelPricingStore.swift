internal import BSON
public import Domain
public import Foundation

/// `ModelPriceBook` over `model_prices` (`ModelPriceDocument`): entries are inserted and never changed;
/// the price in force at a time is found by `{model, effective_from ≤ t}` sorted newest first, limit 1
/// (index `{model: 1, effective_from: -1}`). Thread-safe: every call borrows its own client.
public struct MongoModelPricingStore: ModelPriceBook {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func pricing(model: String, at time: Date) throws -> ModelPricing? {
        try withPrices { prices in
            try prices.find(
                ["model": .string(model), "effective_from": ["$lte": .date(time)]],
                sort: ["effective_from": -1, "created_at": -1, "_id": -1], limit: 1, as: ModelPriceDocument.self
            ).first?.pricing
        }
    }

    public func entries() throws -> [ModelPricingEntry] {
        try withPrices { try $0.find(BSONDocument(), as: ModelPriceDocument.self).map(\.entry) }
    }

    public func add(_ entry: NewModelPricingEntry) throws -> ModelPricingEntry {
        let document = ModelPriceDocument(id: ObjectID().hex, entry)
        try withPrices { try $0.insertOne(encoding: document) }
        return document.entry
    }

    /// Seeds each price effective from the epoch under `seed:<model>`, once: a seed already stored (or
    /// since superseded by an administrator's price) is left alone.
    static func insertIfAbsent(_ prices: [ModelPricing], in database: MongoDatabase) throws {
        let collection = database.collection(MongoCollectionName.modelPrices)
        for pricing in prices {
            let seed = NewModelPricingEntry(
                pricing: pricing, effectiveFrom: Date(timeIntervalSince1970: 0), createdBy: nil,
                createdAt: Date(timeIntervalSince1970: 0))
            do {
                try collection.insertOne(encoding: ModelPriceDocument(id: "seed:\(pricing.model)", seed))
            } catch let error as MongoError where error.code == .duplicateKey {
                continue
            }
        }
    }

    private func withPrices<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.modelPrices))
            }
        }
    }
}
