/// What one successful transport attempt returned: the whole streamed text and the provider's token count.
public struct LLMCompletion: Sendable, Hashable {
    public let content: String
    /// Nil when the provider reported no usage; the gateway then estimates it.
    public let usage: TokenUsage?

    public init(content: String, usage: TokenUsage?) {
        self.content = content
        self.usage = usage
    }
}
