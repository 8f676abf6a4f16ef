public import Domain
public import Foundation

/// Sessions and messages that set every field a session store keeps (three participants, a guide with
/// polls, a conversation state mid-run with stats, a mention, a decision and money spent, themes, polls
/// and a report), for the store tests. Dates are whole milliseconds, as a database keeps them.
public enum SessionFixtures {
    public static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two sections: a Likert poll after the first, a ranking after the second.
    public static func guide() throws -> DiscussionGuide {
        func section(_ title: String, poll: [(String, JSONValue)]) -> JSONValue {
            .object([
                ("title", .string(title)), ("goal", .string("Understand \(title.lowercased())")),
                ("minutes", .number(10)), ("turn_budget", .number(8)),
                (
                    "questions",
                    .array([
                        .object([("text", .string("What comes to mind?")), ("probes", .array([.string("Why?")]))]),
                        .object([("text", .string("When did you last?")), ("probes", .array([]))]),
                    ])
                ),
                ("poll", .object(poll)),
            ])
        }
        let likert: [(String, JSONValue)] = [
            ("kind", .string("likert")), ("question", .string("How likely?")),
            ("options", .array(["Never", "Rarely", "Maybe", "Often", "Always"].map(JSONValue.string))),
            ("samples", .number(3)),
        ]
        let ranking: [(String, JSONValue)] = [
            ("kind", .string("ranking")), ("question", .string("Order these")),
            ("options", .array(["Price", "Taste", "Speed"].map(JSONValue.string))), ("samples", .number(2)),
        ]
        return try DiscussionGuide(
            json: .object([
                ("introduction", .string("Welcome")),
                ("sections", .array([section("Habits", poll: likert), section("Choices", poll: ranking)])),
                ("closing", .string("Thank you")),
            ]), version: 3)
    }

    public static func profile(_ name: String, age: Int) -> PersonaProfile {
        PersonaProfile(
            name: name, age: age, gender: .female, location: "Leeds", occupation: "Nurse", incomeBand: .middle,
            attitude: .pragmatist, bio: "Works nights.", quote: "Fine.",
            psychographics: PersonaPsychographics(values: ["thrift"], interests: ["cycling"]),
            behaviours: PersonaBehaviours(media: ["radio"]),
            provenance: PersonaProvenance(["age": .init(source: .customerData, rows: [2, 7])]))
    }

    public static func snapshot(group: FocusGroupID, participants: [PersonaID]) throws -> SessionSnapshot {
        let image = StimulusImage(
            mediaType: .png, byteCount: 2_048, description: "A red can", descriptionStatus: .ready)
        return SessionSnapshot(
            focusGroupID: group, name: "Snack habits", objective: "Why people snack", audience: "Commuters",
            language: "en",
            participants: participants.enumerated().map {
                SessionSnapshot.Participant(id: $1, profile: profile("Person \($0 + 1)", age: 30 + $0))
            },
            stimuli: [
                Stimulus(id: StimulusID("st_000000000001"), title: "Concept", content: .concept(text: "A new bar")),
                Stimulus(id: StimulusID("st_000000000002"), title: "Pack", content: .image(image)),
            ],
            settings: FocusGroupSettings(
                turnTaking: .desireBased, maxTurns: 40, usdCap: MicroUSD(1_500_000), moderatorTier: .main,
                personaTier: .mini),
            guide: try guide())
    }

    /// A state mid-run: every participant has spoken, the last one is @mentioned, a decision with desires,
    /// a command carried out.
    public static func state(participants: [PersonaID]) -> ConversationState {
        var state = ConversationState(participants: participants)
        state.phase = .discussing
        state.position = GuidePosition(section: 1, question: 0)
        state.asked = true
        state.probesUsed = 1
        for persona in participants + participants.prefix(1) { state.stats.record(persona) }
        state.pendingMention = participants.last
        state.pendingInterjection = 7
        state.lastCommand = "0000000000000000000000c1"
        state.decision = ConversationState.Decision(
            addressed: participants.first,
            desires: Dictionary(uniqueKeysWithValues: participants.enumerated().map { ($1, 0.25 * Double($0 + 1)) }),
            questionExhausted: false, probe: true)
        state.pollsRun = [0]
        state.sectionsThemed = 1
        state.summary = "They snack on the way home."
        state.summarizedThrough = 6
        state.nextSeq = 9
        state.turns = 8
        state.charge(TokenUsage(promptTokens: 12_345, completionTokens: 678), cost: MicroUSD(4_321))
        return state
    }

    /// A running session with its results so far; `id` is a placeholder the store replaces.
    public static func session(
        owner: UserID, group: FocusGroupID, participants: [PersonaID], createdAt: Date = start,
        fork: FocusGroupSession.Fork? = nil, replayOf: SessionID? = nil
    ) throws -> FocusGroupSession {
        let theme = SessionTheme(
            title: "Convenience", summary: "Snacks must be quick.",
            quotes: participants.prefix(2).enumerated().map {
                SessionTheme.Quote(seq: 2 + $0, personaID: $1, text: "Quick, please.")
            })
        let answers = Dictionary(uniqueKeysWithValues: participants.map { ($0, [[3], [4], [3]]) })
        guard let poll = try guide().sections[0].poll else { throw DomainError(.notFound, "No poll in the guide.") }
        return FocusGroupSession(
            id: SessionID(""), ownerID: owner, snapshot: try snapshot(group: group, participants: participants),
            status: .running, state: state(participants: participants), taskID: TaskID("0000000000000000000000a1"),
            seedBase: 9_007_199_254_740_993, fork: fork, replayOf: replayOf, themes: [theme],
            polls: [SessionPollResult(section: 0, poll: poll, answers: answers)],
            report: SessionReport(summary: "So far: speed wins.", themes: [theme], partial: true),
            creditsCharged: Credits(25), failure: nil, createdAt: createdAt, updatedAt: createdAt.addingTimeInterval(1),
            finishedAt: nil)
    }

    public static func message(
        _ session: SessionID, seq: Int, text: String = "Hello", speaker: Speaker = .moderator,
        state: ConversationState = ConversationState(participants: [])
    ) -> SessionMessage {
        SessionMessage(
            sessionID: session, seq: seq, speaker: speaker, speakerName: "Moderator", text: text,
            position: seq.isMultiple(of: 2) ? GuidePosition(section: 0, question: 1) : nil,
            usage: TokenUsage(promptTokens: 100 + seq, completionTokens: 20), cost: MicroUSD(Int64(50 * seq)),
            regenerations: seq == 1 ? ["too long", "off topic"] : [], stateAfter: state,
            createdAt: start.addingTimeInterval(Double(seq)))
    }
}
