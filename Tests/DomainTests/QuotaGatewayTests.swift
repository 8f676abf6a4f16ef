import CohortaTestSupport
import Domain
import Foundation
import Testing

/// The LLM gateway checks the monthly limit before every paid call: nothing starts once it is reached.
struct QuotaGatewayTests {
    /// 1,000 prompt + 500 completion tokens at these prices cost $0.000450 (450 µ$).
    static let price = ModelPricing(
        model: "model-main", inputPerMillion: MicroUSD(150_000), outputPerMillion: MicroUSD(600_000))

    struct Fixture {
        let transport: ScriptedTransport
        let calls = InMemoryLLMCalls()
        let usage = RecordingUsageEvents()
        let clock = MockClock()
        let quotas: InMemoryQuotas
        let gateway: LLMGateway

        init(_ script: [Result<LLMCompletion, LLMTransportError>], limit: MicroUSD) {
            transport = ScriptedTransport(script)
            quotas = InMemoryQuotas(usage: usage)
            var settings = AppSettings.defaults
            settings.monthlyUSDQuota = limit
            gateway = LLMGateway(
                transport: transport, calls: calls, usageEvents: usage,
                pricing: FixedPricing(prices: [QuotaGatewayTests.price]), digest: TransparentDigest(),
                sleeper: RecordingSleeper(), clock: clock, models: GatewayFixture.models, random: { 0 },
                quota: SpendingQuota(quotas: quotas, settings: StaticSettings(settings), clock: clock))
        }
    }

    static func answer(_ text: String = #"{"name":"Ada"}"#) -> Result<LLMCompletion, LLMTransportError> {
        LLMGatewayTests.answer(text, prompt: 1_000, completion: 500)
    }

    @Test func aCallThatStartsUnderTheLimitMayFinishOverItAndTheNextIsRefused() throws {
        let fixture = Fixture([Self.answer(), Self.answer()], limit: MicroUSD(400))
        let first = try fixture.gateway.complete(LLMGatewayTests.request(seed: 1), onDelta: nil)
        #expect(first.cost == MicroUSD(450))
        let refusal = #expect(throws: DomainError.self) {
            try fixture.gateway.complete(LLMGatewayTests.request(seed: 2), onDelta: nil)
        }
        #expect(refusal?.code == .quotaExceeded)
        #expect(refusal?.message.contains("$0.0004") == true)
        #expect(fixture.transport.calls.count == 1, "the refused call never reached the provider")
        #expect(fixture.usage.all.count == 1 && fixture.calls.all.count == 1, "nothing recorded for it")
    }

    @Test func aCallIsRefusedBeforeTheProviderOnceTheLimitIsReached() throws {
        let fixture = Fixture([Self.answer()], limit: .zero)
        #expect(throws: DomainError.self) { try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil) }
        #expect(fixture.transport.calls.isEmpty && fixture.usage.all.isEmpty && fixture.calls.all.isEmpty)
    }

    @Test func anOverrideRaisesTheLimitAtTheNextCall() throws {
        let fixture = Fixture([Self.answer()], limit: .zero)
        #expect(throws: DomainError.self) { try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil) }
        try fixture.quotas.setLimitOverride(MicroUSD(1_000), of: LLMGatewayTests.user, at: fixture.clock.now)
        #expect(try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil).cost == MicroUSD(450))
    }

    @Test func aReplayIsStillServedAtTheLimitItCostsNothing() throws {
        let fixture = Fixture([Self.answer()], limit: MicroUSD(450))
        _ = try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil)
        let replay = try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil)
        #expect(replay.servedFromReplay && replay.cost == .zero)
        #expect(fixture.transport.calls.count == 1)
    }

    @Test func aRepairTurnIsNotStartedOnceTheCallsOwnTokensReachTheLimit() throws {
        let fixture = Fixture([Self.answer("not json"), Self.answer()], limit: MicroUSD(400))
        let refusal = #expect(throws: DomainError.self) {
            try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil)
        }
        #expect(refusal?.code == .quotaExceeded)
        #expect(fixture.transport.calls.count == 1, "no repair turn beyond the limit")
        #expect(fixture.usage.all.map(\.cost) == [MicroUSD(450)], "the rejected attempt was paid for and is recorded")
    }

    @Test func aRepairTurnStillRunsWhileTheLimitLeavesRoom() throws {
        let fixture = Fixture([Self.answer("not json"), Self.answer()], limit: MicroUSD(10_000))
        let response = try fixture.gateway.complete(LLMGatewayTests.request(), onDelta: nil)
        #expect(response.cost == MicroUSD(900) && fixture.transport.calls.count == 2)
    }
}
