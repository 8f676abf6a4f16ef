/// Sends ONE attempt of a resolved call to the provider, streaming; retries, validation and accounting
/// are the gateway's. Blocking: call it on an OS thread, never in a Swift `Task`.
public protocol LLMTransport: Sendable {
    /// `onDelta` receives the answer's text as it streams in, on the calling thread.
    /// Throws `LLMTransportError` for every provider or network failure.
    func send(_ call: LLMCall, onDelta: ((String) -> Void)?) throws -> LLMCompletion
}
