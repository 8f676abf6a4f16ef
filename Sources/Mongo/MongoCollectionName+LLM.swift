/// The LLM gateway's collections (docs/contracts.md). `model_pricing` (one price per model, per 1K tokens)
/// is retired: `model_prices` holds effective-dated prices per million tokens.
extension MongoCollectionName {
    static let llmCalls = "llm_calls"
    static let usageEvents = "usage_events"
    static let modelPrices = "model_prices"
}
