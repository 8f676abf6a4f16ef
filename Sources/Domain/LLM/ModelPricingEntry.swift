public import Foundation

/// One price of a model in `model_prices`: in force from `effectiveFrom` until a later entry of the same
/// model takes over. Entries are only ever added, so recorded usage keeps the price it was charged.
public struct ModelPricingEntry: Sendable, Equatable {
    public let id: String
    public let pricing: ModelPricing
    public let effectiveFrom: Date
    /// Nil for the seeded simulator prices.
    public let createdBy: UserID?
    public let createdAt: Date

    public init(id: String, pricing: ModelPricing, effectiveFrom: Date, createdBy: UserID?, createdAt: Date) {
        self.id = id
        self.pricing = pricing
        self.effectiveFrom = effectiveFrom
        self.createdBy = createdBy
        self.createdAt = createdAt
    }

    public var model: String { pricing.model }
}

/// An entry before the store gives it an id.
public struct NewModelPricingEntry: Sendable, Equatable {
    public let pricing: ModelPricing
    public let effectiveFrom: Date
    public let createdBy: UserID?
    public let createdAt: Date

    public init(pricing: ModelPricing, effectiveFrom: Date, createdBy: UserID?, createdAt: Date) {
        self.pricing = pricing
        self.effectiveFrom = effectiveFrom
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
