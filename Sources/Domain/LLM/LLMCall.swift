/// One call as the transport sends it: the request with its tier resolved to a model name.
/// The gateway builds it; a repair turn is the same call with more messages.
public struct LLMCall: Sendable, Hashable {
    public let model: String
    public let messages: [ChatMessage]
    /// When set, the provider is asked for JSON following this schema (`response_format: json_schema`).
    public let responseSchema: JSONValue?
    /// The schema's name as the provider sees it (letters, digits, `_` and `-`).
    public let schemaName: String
    public let temperature: Double
    public let seed: Int?
    public let maxTokens: Int?

    public init(
        model: String, messages: [ChatMessage], responseSchema: JSONValue? = nil, schemaName: String = "response",
        temperature: Double = 0.7, seed: Int? = nil, maxTokens: Int? = nil
    ) {
        self.model = model
        self.messages = messages
        self.responseSchema = responseSchema
        self.schemaName = schemaName
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
    }

    /// The same call with `extra` appended to the conversation.
    public func appending(_ extra: [ChatMessage]) -> LLMCall {
        LLMCall(
            model: model, messages: messages + extra, responseSchema: responseSchema, schemaName: schemaName,
            temperature: temperature, seed: seed, maxTokens: maxTokens)
    }
}
