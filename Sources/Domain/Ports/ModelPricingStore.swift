public import Foundation

/// `model_prices`: what each model cost at a given time; nil for a model nobody priced by then.
public protocol ModelPricingStore: Sendable {
    /// The entry of `model` with the greatest `effectiveFrom` ≤ `time` (the last created among equals).
    func pricing(model: String, at time: Date) throws -> ModelPricing?
}

/// The administrators' side of `model_prices`: every entry, and adding one (entries are never changed).
public protocol ModelPriceBook: ModelPricingStore {
    /// Every entry of every model (a few models with a few changes each), in no particular order.
    func entries() throws -> [ModelPricingEntry]
    func add(_ entry: NewModelPricingEntry) throws -> ModelPricingEntry
}
