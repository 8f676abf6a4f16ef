/// The LLM as features see it: the gateway (cache/replay, validation and repair, accounting) behind it.
public protocol LLMClient: Sendable {
    /// `onDelta` receives the attempt's whole text so far each time more streams in; a retried attempt
    /// starts again from nothing (not called for a replayed answer).
    /// Throws `TaskFailure.cancelled` once `cancellation` is requested, mid-stream or mid-back-off.
    func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMResponse
}

extension LLMClient {
    /// A call nobody cancels.
    public func complete(_ request: LLMRequest, onDelta: (@Sendable (String) -> Void)?) throws -> LLMResponse {
        try complete(request, cancellation: .never, onDelta: onDelta)
    }
}
