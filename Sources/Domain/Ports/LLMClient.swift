/// The LLM as features see it: the gateway (cache/replay, validation and repair, accounting) behind it.
public protocol LLMClient: Sendable {
    /// `onDelta` receives streamed text as it arrives (not called for a replayed answer).
    func complete(_ request: LLMRequest, onDelta: (@Sendable (String) -> Void)?) throws -> LLMResponse
}
