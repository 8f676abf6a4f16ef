import CohortaTestSupport
import Domain
import Foundation
import Synchronization

/// In-memory ports for the gateway tests (the file name keeps it inside the gateway's test files).
/// Every fake guards its state with its own `Mutex`.
final class ScriptedTransport: LLMTransport {
    private let script: Mutex<[Result<LLMCompletion, LLMTransportError>]>
    private let sent = Mutex<[LLMCall]>([])

    init(_ script: [Result<LLMCompletion, LLMTransportError>]) { self.script = Mutex(script) }

    var calls: [LLMCall] { sent.withLock { $0 } }

    func send(_ call: LLMCall, cancellation: CancellationCheck, onDelta: ((String) -> Void)?) throws -> LLMCompletion {
        sent.withLock { $0.append(call) }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let next else { throw LLMTransportError(.rejected(status: 400), detail: "script exhausted") }
        let completion = try next.get()
        onDelta?(completion.content)
        return completion
    }
}

/// A gateway over fresh fakes, with jitter fixed at 0 (each back-off is half its ceiling).
struct GatewayFixture {
    let transport: ScriptedTransport
    let calls = InMemoryLLMCalls()
    let usage = RecordingUsageEvents()
    let sleeper = RecordingSleeper()
    let clock = MockClock()
    let gateway: LLMGateway

    static let models = LLMModelNames(main: "model-main", mini: "model-mini")

    init(_ script: [Result<LLMCompletion, LLMTransportError>], prices: [ModelPricing] = []) {
        transport = ScriptedTransport(script)
        gateway = LLMGateway(
            transport: transport, calls: calls, usageEvents: usage, pricing: FixedPricing(prices: prices),
            digest: TransparentDigest(), sleeper: sleeper, clock: clock, models: Self.models, random: { 0 })
    }
}

/// Collects streamed deltas (the callback is `@Sendable`).
final class DeltaLog: Sendable {
    private let parts = Mutex<[String]>([])

    var text: String { parts.withLock { $0.joined() } }

    func append(_ delta: String) { parts.withLock { $0.append(delta) } }
}
