import CohortaTestSupport
import Domain
import Foundation
import Testing

@testable import LLM

/// The real persona templates through the gateway, transport and simulator: their schemas, the simulator's
/// answers and SchemaValidator agree, so a clean run needs no repair turn.
@Suite(.simulator)
struct PersonaPromptsSimulatorTests {
    static func template(_ name: String) throws -> PromptTemplate {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try PromptTemplate.parse(
            text: String(contentsOf: repo.appendingPathComponent("prompts/\(name).md"), encoding: .utf8))
    }

    @Test func twoStageGenerationNeedsNoRepairs() throws {
        let simulator = try #require(Simulator.current)
        let gateway = LLMGateway(
            transport: transport(simulator), calls: InMemoryLLMCalls(), usageEvents: RecordingUsageEvents(),
            pricing: FixedPricing(prices: []), digest: TransparentDigest(), sleeper: RecordingSleeper(),
            clock: SystemClock(),
            models: LLMModelNames(main: "p-main", mini: "p-mini"))
        let attribution = UsageAttribution(userID: UserID("65f0c0ffee0000000000abcd"), objectReference: "task:1")
        let brief = "Urban commuters in Lyon deciding whether to switch to e-bikes."
        let plan = SamplingPlan.standard
        let slots = plan.json(slots: plan.slots(count: 4, seed: 42)).serialized

        let stage1 = try Self.template("persona/basic-profiles").request(
            for: .personaBasicProfiles,
            variables: ["count": "4", "slots": slots, "brief": brief, "customer_rows": ""], attribution: attribution,
            seed: 42)
        let profiles = try #require(try gateway.complete(stage1, onDelta: nil).json?["profiles"]?.arrayValue)
        #expect(profiles.count == 4)

        let detail = try Self.template("persona/detail")
        for profile in profiles {
            let stage2 = try detail.request(
                for: .personaDetail,
                variables: ["brief": brief, "profile": profile.serialized, "panel": "", "customer_rows": ""],
                attribution: attribution, seed: 42)
            #expect(try gateway.complete(stage2, onDelta: nil).json != nil)
        }
        #expect(try simulator.completions(of: "p-mini") == 1)
        #expect(try simulator.completions(of: "p-main") == 4)
    }
}
