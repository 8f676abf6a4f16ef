/// Sends ONE attempt of a resolved call to the provider, streaming; retries, validation and accounting
/// are the gateway's. Blocking: call it on an OS thread, never in a Swift `Task`.
public protocol LLMTransport: Sendable {
    /// `onDelta` receives the answer's text as it streams in, on the calling thread. `cancellation` is
    /// polled while waiting (about twice a second); once requested the attempt is abandoned with
    /// `LLMTransportError.Kind.cancelled`.
    /// Throws `LLMTransportError` for every provider or network failure.
    func send(_ call: LLMCall, cancellation: CancellationCheck, onDelta: ((String) -> Void)?) throws -> LLMCompletion
}
