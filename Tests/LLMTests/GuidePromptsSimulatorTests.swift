import CohortaTestSupport
import Domain
import Foundation
import Testing

@testable import LLM

/// The real guide templates through the gateway, transport and simulator: the simulator's guide and rewritten
/// section pass the schema and `DiscussionGuide(json:)` with no repair turn.
@Suite(.simulator)
struct GuidePromptsSimulatorTests {
    static func template(_ name: String) throws -> PromptTemplate {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try PromptTemplate.parse(
            text: String(contentsOf: repo.appendingPathComponent("prompts/\(name).md"), encoding: .utf8))
    }

    static func group(language: String) -> FocusGroup {
        FocusGroup(
            id: FocusGroupID("g1"), ownerID: UserID("65f0c0ffee0000000000abcd"), name: "Meal-kit concept test",
            objective: "Learn what would make busy parents try meal kits.", audience: "Parents", language: language,
            participantIDs: [],
            stimuli: [Stimulus(id: StimulusID("st_1"), title: "Concept A", content: .concept(text: "A weekly box."))],
            settings: .standard, guide: nil, createdAt: Date(), updatedAt: Date())
    }

    @Test(arguments: ["en", "de"])
    func aGuideAndARewrittenSectionNeedNoRepairs(language: String) throws {
        let simulator = try #require(Simulator.current)
        let gateway = LLMGateway(
            transport: transport(simulator), calls: InMemoryLLMCalls(), usageEvents: RecordingUsageEvents(),
            pricing: FixedPricing(prices: []), digest: TransparentDigest(), sleeper: RecordingSleeper(),
            clock: SystemClock(), models: LLMModelNames(main: "g-main-\(language)", mini: "g-mini"))
        let attribution = UsageAttribution(
            userID: UserID("65f0c0ffee0000000000abcd"), objectReference: "focus_group:g1")
        let participants = [
            PersonaProfile(
                name: "Maya Chen", age: 34, gender: .female, location: "Leeds", occupation: "ICU nurse",
                incomeBand: .middle, attitude: .enthusiast)
        ]
        var group = Self.group(language: language)

        let whole = try Self.template(DiscussionGuideBrief.guideTemplate).request(
            for: .discussionGuide,
            variables: DiscussionGuideBrief(group: group, participants: participants).guideVariables,
            attribution: attribution)
        let answer = try #require(try gateway.complete(whole, onDelta: nil).json)
        let guide = try DiscussionGuideRevision.guide(from: answer, replacing: nil)
        #expect(guide.version == 1 && (3...5).contains(guide.sections.count))
        #expect(guide.totalTurnBudget == 60)
        #expect(guide.sections.contains { $0.poll?.kind == .likert && $0.poll?.options.count == 5 })

        group.guide = guide
        let variables = try #require(
            DiscussionGuideBrief(group: group, participants: participants).sectionVariables(for: "s2"))
        let section = try Self.template(DiscussionGuideBrief.sectionTemplate).request(
            for: .discussionGuide, variables: variables, attribution: attribution)
        let sectionAnswer = try #require(try gateway.complete(section, onDelta: nil).json)
        let rewritten = try #require(
            try DiscussionGuideRevision.guide(guide, replacingSection: "s2", with: sectionAnswer))
        #expect(rewritten.version == 2 && rewritten.sections[1].id == "s2")
        #expect(rewritten.sections[1].turnBudget == guide.sections[1].turnBudget)
        #expect(rewritten.sections[1].questions.map(\.text) != guide.sections[1].questions.map(\.text))
        #expect(try simulator.completions(of: "g-main-\(language)") == 2)
    }
}
