/// What a model costs per million tokens, in millionths of a dollar: one entry of `model_prices` without
/// its dates (see `ModelPricingEntry`).
public struct ModelPricing: Sendable, Hashable {
    public let model: String
    public let inputPerMillion: MicroUSD
    public let outputPerMillion: MicroUSD

    public init(model: String, inputPerMillion: MicroUSD, outputPerMillion: MicroUSD) {
        self.model = model
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    /// The exact cost of `usage`, rounded up to a whole micro-dollar (never under-charged):
    /// ceil((in · p_in + out · p_out) / 1,000,000).
    public func cost(of usage: TokenUsage) -> MicroUSD {
        let perMillion =
            Int64(usage.promptTokens) * inputPerMillion.value + Int64(usage.completionTokens)
            * outputPerMillion.value
        return MicroUSD((perMillion + 999_999) / 1_000_000)
    }

    /// The simulator's models cost nothing; seeded (effective from the epoch) so every call finds a price.
    public static let simulatorDefaults = [
        ModelPricing(model: "cohorta-sim-main", inputPerMillion: .zero, outputPerMillion: .zero),
        ModelPricing(model: "cohorta-sim-mini", inputPerMillion: .zero, outputPerMillion: .zero),
    ]
}
