/// The LLM gateway's collections (docs/contracts.md).
extension MongoCollectionName {
    static let llmCalls = "llm_calls"
    static let usageEvents = "usage_events"
    static let modelPricing = "model_pricing"
}
