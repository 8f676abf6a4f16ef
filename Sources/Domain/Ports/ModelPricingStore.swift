/// `model_pricing`: the price of each model; nil for a model nobody priced.
public protocol ModelPricingStore: Sendable {
    func pricing(model: String) throws -> ModelPricing?
}
