public import Domain
public import Foundation
import Synchronization

/// `ModelPriceBook` in memory, with `MongoModelPricingStore`'s contract: entries are only added, and the
/// price in force is the one `ModelPricingSchedule` calls current. Ids are sequential 24-digit hex.
public final class InMemoryModelPrices: ModelPriceBook {
    private let state = Mutex([ModelPricingEntry]())  // guards every entry, in the order added

    /// `seeding` prices are in force from the epoch, as the Mongo schema seeds the simulator's.
    public init(seeding prices: [ModelPricing] = []) {
        for pricing in prices {
            let epoch = Date(timeIntervalSince1970: 0)
            _ = add(NewModelPricingEntry(pricing: pricing, effectiveFrom: epoch, createdBy: nil, createdAt: epoch))
        }
    }

    public func pricing(model: String, at time: Date) throws -> ModelPricing? {
        ModelPricingSchedule(model: model, entries: try entries().filter { $0.model == model }, at: time)
            .current?.pricing
    }

    public func entries() throws -> [ModelPricingEntry] { state.withLock { $0 } }

    @discardableResult
    public func add(_ new: NewModelPricingEntry) -> ModelPricingEntry {
        state.withLock { entries in
            let entry = ModelPricingEntry(
                id: String(format: "%024x", entries.count + 1), pricing: new.pricing, effectiveFrom: new.effectiveFrom,
                createdBy: new.createdBy, createdAt: new.createdAt)
            entries.append(entry)
            return entry
        }
    }
}
