public import Foundation

/// One answered call as `llm_calls` keeps it, under the request hash: what a replay serves.
public struct LLMCallRecord: Sendable, Hashable {
    /// SHA-256 hex of the request (model, template, messages, schema, temperature, seed, max tokens).
    public let requestHash: String
    public let model: String
    public let template: String
    public let feature: LLMFeature
    /// The request's messages (without repair turns).
    public let messages: [ChatMessage]
    /// The accepted answer (valid against the schema when there was one).
    public let content: String
    /// Tokens spent to produce it, repair turns and retries included.
    public let usage: TokenUsage
    public let cost: MicroUSD
    public let createdAt: Date

    public init(
        requestHash: String, model: String, template: String, feature: LLMFeature, messages: [ChatMessage],
        content: String, usage: TokenUsage, cost: MicroUSD, createdAt: Date
    ) {
        self.requestHash = requestHash
        self.model = model
        self.template = template
        self.feature = feature
        self.messages = messages
        self.content = content
        self.usage = usage
        self.cost = cost
        self.createdAt = createdAt
    }
}
