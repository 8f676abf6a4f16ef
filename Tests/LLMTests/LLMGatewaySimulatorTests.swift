import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

@testable import LLM

@Suite(.simulator)
struct LLMGatewaySimulatorTests {
    struct Fixture {
        let simulator: Simulator
        let calls = InMemoryLLMCalls()
        let usage = RecordingUsageEvents()
        let sleeper = RecordingSleeper()
        let gateway: LLMGateway
        let model: String

        /// Every test gets its own model name, so the faults it queues are its own.
        init(model: String) throws {
            simulator = try #require(Simulator.current)
            self.model = model
            gateway = LLMGateway(
                transport: transport(simulator), calls: calls, usageEvents: usage,
                pricing: FixedPricing(prices: [
                    ModelPricing(
                        model: model, inputPerMillion: MicroUSD(1_000_000), outputPerMillion: MicroUSD(2_000_000))
                ]),
                digest: TransparentDigest(), sleeper: sleeper, clock: SystemClock(),
                models: LLMModelNames(main: model, mini: model), random: { 0 })
        }

        func request(seed: Int = 1) -> LLMRequest {
            let sample = call(model: model, seed: seed)
            return LLMRequest(
                feature: .personaDetail, template: "persona/detail@1", messages: sample.messages,
                responseSchema: personaSchema, seed: seed,
                attribution: UsageAttribution(userID: UserID("65f0c0ffee0000000000abcd"), objectReference: "persona:1"))
        }
    }

    @Test func rateLimitAndServerErrorAreRetriedHonouringRetryAfter() throws {
        let fixture = try Fixture(model: "g-retry")
        try fixture.simulator.queue(["429", "500"], model: fixture.model, extra: ["retry_after": 2])
        let response = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        #expect(response.json != nil)
        #expect(fixture.sleeper.all == [.seconds(2), .milliseconds(500)])
        #expect(try fixture.simulator.completions(of: fixture.model) == 3)
    }

    @Test func schemaViolationIsRepaired() throws {
        let fixture = try Fixture(model: "g-schema")
        try fixture.simulator.queue(["invalid_schema"], model: fixture.model)
        let response = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        let json = try #require(response.json)
        #expect(SchemaValidator.validate(json, against: personaSchema).isEmpty)
        #expect(try fixture.simulator.completions(of: fixture.model) == 2)
        #expect(fixture.usage.all.first?.usage == response.usage)
        #expect(response.cost.value > 0)
    }

    @Test func malformedJSONIsRepaired() throws {
        let fixture = try Fixture(model: "g-malformed")
        try fixture.simulator.queue(["malformed_json"], model: fixture.model)
        let response = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        #expect(response.json != nil)
        #expect(try fixture.simulator.completions(of: fixture.model) == 2)
    }

    @Test func persistentlyBrokenAnswersFailAfterTwoRepairs() throws {
        let fixture = try Fixture(model: "g-broken")
        try fixture.simulator.queue(["malformed_json", "invalid_schema", "malformed_json"], model: fixture.model)
        #expect(throws: DomainError.self) { try fixture.gateway.complete(fixture.request(), onDelta: nil) }
        #expect(try fixture.simulator.completions(of: fixture.model) == 3)
        #expect(fixture.calls.all.isEmpty)
        #expect(fixture.usage.all.count == 1)
    }

    @Test func exactReplayIsServedWithoutAnotherCompletion() throws {
        let fixture = try Fixture(model: "g-replay")
        let first = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        let replay = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        #expect(try fixture.simulator.completions(of: fixture.model) == 1)
        #expect(replay.servedFromReplay && replay.usage == .zero && replay.cost == .zero)
        #expect(replay.content == first.content)
        #expect(fixture.usage.all.map(\.replayed) == [false, true])
    }
}
