import Domain
import Foundation
import Synchronization
import Testing

@testable import LLM

/// The gateway's three stores in memory, one lock for all (these tests look at what was recorded).
final class MemoryLLMStores: LLMCallStore, UsageEventStore, ModelPricingStore {
    private let state = Mutex<(calls: [String: LLMCallRecord], events: [UsageEvent])>(([:], []))

    var events: [UsageEvent] { state.withLock { $0.events } }
    var calls: [LLMCallRecord] { state.withLock { Array($0.calls.values) } }

    func call(hash: String) throws -> LLMCallRecord? { state.withLock { $0.calls[hash] } }
    func record(_ record: LLMCallRecord) throws { state.withLock { $0.calls[record.requestHash] = record } }
    func record(_ event: UsageEvent) throws { state.withLock { $0.events.append(event) } }
    func pricing(model: String) throws -> ModelPricing? {
        ModelPricing(model: model, inputPer1K: MicroUSD(1000), outputPer1K: MicroUSD(2000))
    }
}

/// Hex of the canonical text's bytes: unique per request, which is all these tests need of a hash.
struct HexDigest: Digest {
    func sha256Hex(_ bytes: [UInt8]) throws -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

final class NoSleep: Sleeper {
    private let delays = Mutex<[Duration]>([])
    var all: [Duration] { delays.withLock { $0 } }
    func sleep(for duration: Duration) { delays.withLock { $0.append(duration) } }
}

@Suite(.simulator)
struct LLMGatewaySimulatorTests {
    struct Fixture {
        let simulator: Simulator
        let stores = MemoryLLMStores()
        let sleeper = NoSleep()
        let gateway: LLMGateway
        let model: String

        /// Every test gets its own model name, so the faults it queues are its own.
        init(model: String) throws {
            simulator = try #require(Simulator.current)
            self.model = model
            gateway = LLMGateway(
                transport: transport(simulator), calls: stores, usageEvents: stores, pricing: stores,
                digest: HexDigest(), sleeper: sleeper, clock: SystemClock(),
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
        #expect(fixture.stores.events.first?.usage == response.usage)
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
        #expect(fixture.stores.calls.isEmpty)
        #expect(fixture.stores.events.count == 1)
    }

    @Test func exactReplayIsServedWithoutAnotherCompletion() throws {
        let fixture = try Fixture(model: "g-replay")
        let first = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        let replay = try fixture.gateway.complete(fixture.request(), onDelta: nil)
        #expect(try fixture.simulator.completions(of: fixture.model) == 1)
        #expect(replay.servedFromReplay && replay.usage == .zero && replay.cost == .zero)
        #expect(replay.content == first.content)
        #expect(fixture.stores.events.map(\.replayed) == [false, true])
    }
}
