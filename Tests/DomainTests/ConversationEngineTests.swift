import Domain
import Testing

struct ConversationEngineTests {
    static let group = (1...6).map { PersonaID("p\($0)") }

    static func guide(sections: Int = 3, questions: Int = 2, budget: Int = 8) throws -> DiscussionGuide {
        let poll = JSONValue.object([
            ("kind", .string("likert")), ("question", .string("How likely?")),
            ("options", .array(["1", "2", "3", "4", "5"].map(JSONValue.string))),
        ])
        let section = JSONValue.object([
            ("title", .string("T")), ("goal", .string("")), ("minutes", .number(10)),
            ("turn_budget", .number(Double(budget))),
            (
                "questions",
                .array(
                    (0..<questions).map { _ in
                        .object([("text", .string("Q?")), ("probes", .array([.string("Why?")]))])
                    })
            ),
            ("poll", poll),
        ])
        return try DiscussionGuide(
            json: .object([
                ("introduction", .string("Hi")), ("sections", .array(Array(repeating: section, count: sections))),
                ("closing", .string("Bye")),
            ]), version: 1)
    }

    /// Drives the engine with a decision step that never calls a question exhausted and always
    /// addresses the first participant; returns the steps taken.
    static func run(
        _ engine: ConversationEngine, state: inout ConversationState, limit: Int = 500,
        decision: ConversationState.Decision = .init(
            addressed: group[0], desires: [:], questionExhausted: false, probe: false),
        until stop: (ConversationStep) -> Bool = { $0 == .done || $0 == .waitForHuman }
    ) -> [ConversationStep] {
        var steps: [ConversationStep] = []
        for _ in 0..<limit {
            let step = engine.nextStep(state)
            steps.append(step)
            if stop(step) { break }
            switch step {
            case .moderator(let move): engine.recordModerator(move, in: &state)
            case .decide: engine.record(decision, in: &state)
            case .participant(let persona): engine.recordParticipant(persona, in: &state)
            case .poll(let section): engine.recordPoll(section: section, in: &state)
            case .themes(let section): engine.recordThemes(section: section, in: &state)
            case .report: engine.recordReport(in: &state)
            case .waitForHuman, .done: break
            }
        }
        return steps
    }

    @Test func aFullRunFollowsTheGuideWithPollsThemesAndAReport() throws {
        let engine = ConversationEngine(guide: try Self.guide(), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        let steps = Self.run(engine, state: &state)
        #expect(steps.first == .moderator(.open))
        #expect(steps.suffix(3) == [.moderator(.close(.completed)), .report, .done])
        let asked = steps.compactMap { if case .moderator(.ask(let position)) = $0 { position } else { nil } }
        #expect(asked.count == 5, "every question after the first is asked once")
        #expect(steps.filter { if case .poll = $0 { true } else { false } }.count == 3)
        #expect(steps.filter { if case .themes = $0 { true } else { false } }.count == 3)
        #expect(state.endReason == .completed && state.turns <= FocusGroupSettings.standard.maxTurns)
        #expect(Set(state.stats.turns.filter { $0.value > 0 }.keys) == Set(Self.group), "everyone was heard")
        // Polls come after their section's last question and before the next section's first.
        let pollIndex = try #require(steps.firstIndex(of: .poll(section: 0)))
        let secondSection = try #require(steps.firstIndex(of: .moderator(.ask(GuidePosition(section: 1, question: 0)))))
        #expect(pollIndex < secondSection)
    }

    @Test func anExhaustedQuestionMovesOnAfterTheMinimumTurns() throws {
        let engine = ConversationEngine(
            guide: try Self.guide(sections: 1, questions: 2), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        let steps = Self.run(
            engine, state: &state,
            decision: .init(addressed: nil, desires: [:], questionExhausted: true, probe: false),
            until: { $0 == .moderator(.ask(GuidePosition(section: 0, question: 1))) })
        #expect(
            steps.filter { if case .participant = $0 { true } else { false } }.count == engine.minimumTurnsPerQuestion)
    }

    @Test func maxTurnsClosesEarly() throws {
        var settings = FocusGroupSettings.standard
        settings.maxTurns = 10
        let engine = ConversationEngine(guide: try Self.guide(), participants: Self.group, settings: settings)
        var state = ConversationState(participants: Self.group)
        let steps = Self.run(engine, state: &state)
        #expect(steps.contains(.moderator(.close(.maxTurns))))
        #expect(state.turns == 10 && state.endReason == .maxTurns)
    }

    @Test func probesAreUsedWhenTheDecisionAsks() throws {
        let engine = ConversationEngine(
            guide: try Self.guide(sections: 1), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        let steps = Self.run(
            engine, state: &state, decision: .init(addressed: nil, desires: [:], questionExhausted: false, probe: true),
            until: { if case .moderator(.probe) = $0 { true } else { false } })
        #expect(steps.last == .moderator(.probe(GuidePosition(section: 0, question: 0), probe: 0)))
    }

    @Test func anInterjectionIsAcknowledgedNextAndAMentionAnswersNext() throws {
        let engine = ConversationEngine(guide: try Self.guide(), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        _ = Self.run(engine, state: &state, until: { if case .participant = $0 { true } else { false } })
        engine.recordHuman(mention: nil, in: &state)
        #expect(engine.nextStep(state) == .moderator(.acknowledge(interjection: state.nextSeq - 1)))
        engine.recordModerator(.acknowledge(interjection: state.nextSeq - 1), in: &state)
        engine.recordHuman(mention: Self.group[4], in: &state)
        #expect(engine.nextStep(state) == .participant(Self.group[4]))
        engine.recordParticipant(Self.group[4], in: &state)
        #expect(state.pendingMention == nil && state.pendingInterjection == nil)
    }

    @Test func takeOverWaitsForTheResearcherAndHandBackResumesTheGuide() throws {
        let engine = ConversationEngine(guide: try Self.guide(), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        _ = Self.run(engine, state: &state, until: { if case .participant = $0 { true } else { false } })
        engine.takeOver(&state)
        #expect(engine.nextStep(state) == .waitForHuman)
        engine.recordHuman(mention: nil, in: &state)
        let replies = Self.run(engine, state: &state)
        #expect(replies.filter { if case .participant = $0 { true } else { false } }.count == 3)
        #expect(replies.last == .waitForHuman)
        engine.handBack(&state)
        guard case .moderator(.handBack) = engine.nextStep(state) else {
            Issue.record("the moderator should take back first, got \(engine.nextStep(state))")
            return
        }
        let rest = Self.run(engine, state: &state)
        #expect(rest.last == .done && state.endReason == .completed)
    }

    @Test func theCapStopsTheRun() throws {
        let engine = ConversationEngine(guide: try Self.guide(), participants: Self.group, settings: .standard)
        var state = ConversationState(participants: Self.group)
        engine.stopAtCap(&state)
        #expect(engine.nextStep(state) == .done && state.endReason == .usdCap)
    }
}
