/// What a model costs, per 1,000 tokens, in millionths of a dollar (`model_pricing`).
public struct ModelPricing: Sendable, Hashable {
    public let model: String
    public let inputPer1K: MicroUSD
    public let outputPer1K: MicroUSD

    public init(model: String, inputPer1K: MicroUSD, outputPer1K: MicroUSD) {
        self.model = model
        self.inputPer1K = inputPer1K
        self.outputPer1K = outputPer1K
    }

    /// The exact cost of `usage`, rounded up to a whole micro-dollar (never under-charged).
    public func cost(of usage: TokenUsage) -> MicroUSD {
        let milli =
            Int64(usage.promptTokens) * inputPer1K.value + Int64(usage.completionTokens) * outputPer1K.value
        return MicroUSD((milli + 999) / 1000)
    }

    /// The simulator's models cost nothing; seeded so every call finds a price.
    public static let simulatorDefaults = [
        ModelPricing(model: "cohorta-sim-main", inputPer1K: .zero, outputPer1K: .zero),
        ModelPricing(model: "cohorta-sim-mini", inputPer1K: .zero, outputPer1K: .zero),
    ]
}
