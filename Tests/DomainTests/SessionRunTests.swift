import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

/// The run on in-memory stores with a scripted model: a whole session, commands, the quality gate,
/// resuming after a crash, the cap, and a replay that makes no new calls.
struct SessionRunTests {
    /// Answers by template, deterministically from the seed; counts calls; can be told to misbehave.
    final class ScriptedModel: LLMClient {
        let calls = Mutex<[String: Int]>([:])
        /// Participant drafts to answer badly first, in order.
        let badDrafts = Mutex<[String]>([])
        let costPerCall: MicroUSD

        init(costPerCall: MicroUSD = .zero) { self.costPerCall = costPerCall }

        func count(_ template: String) -> Int { calls.withLock { $0[template, default: 0] } }
        var total: Int { calls.withLock { $0.values.reduce(0, +) } }

        func complete(
            _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
        ) throws -> LLMResponse {
            let name = String(request.template.split(separator: "@")[0])
            let seed = request.seed ?? 0
            let (text, json) = answer(name, seed: seed, user: request.messages.last?.content ?? "")
            return LLMResponse(
                content: text, json: json, model: "m", usage: TokenUsage(promptTokens: 100, completionTokens: 10),
                cost: costPerCall, requestHash: "\(name)-\(seed)", servedFromReplay: false)
        }

        /// The answer to template `name` (its text, and its JSON when it has a schema); counts the call.
        func answer(_ name: String, seed: Int, user: String) -> (text: String, json: JSONValue?) {
            calls.withLock { $0[name, default: 0] += 1 }
            var json: JSONValue?
            var text = ""
            switch name {
            case SessionPrompts.Template.moderator: text = "Let us talk about point \(seed)."
            case SessionPrompts.Template.participant:
                text =
                    badDrafts.withLock { $0.isEmpty ? nil : $0.removeFirst() }
                    ?? "From where I stand, thought number \(seed) matters because \(seed % 97) reasons."
            case SessionPrompts.Template.summary: text = "They talked."
            case SessionPrompts.Template.decision:
                json = .object([
                    ("next_speaker", .null), ("desires", .array([])), ("question_exhausted", .bool(true)),
                    ("probe", .bool(false)), ("reason", .string("Covered.")),
                ])
            case SessionPrompts.Template.poll: json = .object([("answer", .array([.number(2)]))])
            case SessionPrompts.Template.themes, SessionPrompts.Template.report:
                json = .object([("summary", .string("Report.")), ("themes", .array(Self.themes(from: user)))])
            default: break
            }
            return (json?.serialized ?? text, json)
        }

        /// One theme quoting the first two participant lines of the transcript.
        static func themes(from prompt: String) -> [JSONValue] {
            let lines = prompt.split(separator: "\n").compactMap { line -> (Int, String, String)? in
                guard let match = line.firstMatch(of: /^\[(\d+)\] [^(]+\(persona:([^)]+)\): (.*)$/) else { return nil }
                return (Int(match.1) ?? 0, String(match.2), String(match.3))
            }
            var seen = Set<String>()
            let quotes = lines.filter { seen.insert($0.1).inserted }.prefix(2)
            guard quotes.count == 2 else { return [] }
            return [
                .object([
                    ("title", .string("Price matters")), ("summary", .string("S")),
                    (
                        "quotes",
                        .array(
                            quotes.map {
                                .object([
                                    ("seq", .number(Double($0.0))), ("persona_id", .string($0.1)),
                                    ("text", .string($0.2)),
                                ])
                            })
                    ),
                ])
            ]
        }
    }

    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    struct Context: TaskContext {
        let cancelled: Flag
        var isCancelled: Bool { cancelled.isSet }
        func report(_ progress: TaskProgress) throws {}
        func checkpoint(_ state: JSONValue, progress: TaskProgress) throws {}
    }

    /// What the run reported through `onEvent`.
    final class EventLog: Sendable {
        private let events = Mutex<[SessionRunEvent]>([])
        var all: [SessionRunEvent] { events.withLock { $0 } }
        func append(_ event: SessionRunEvent) { events.withLock { $0.append(event) } }
    }

    static let participants = (1...4).map { PersonaID("65f0c0ffee00000000000a0\($0)") }

    static func templates() throws -> PromptLibrary {
        let variables: [String: (String, Bool)] = [
            SessionPrompts.Template.moderator: (
                "language, task, item:data, group:data, stimuli:data, participants:data, guide:data, summary:data, transcript:data",
                false
            ),
            SessionPrompts.Template.participant: (
                "language, cue, feedback, persona:data, others:data, group:data, stimuli:data, question:data, summary:data, transcript:data",
                false
            ),
            SessionPrompts.Template.decision: ("mode, question:data, participants:data, transcript:data", true),
            SessionPrompts.Template.summary: ("language, summary:data, lines:data", false),
            SessionPrompts.Template.themes: ("language, group:data, themes:data, transcript:data", true),
            SessionPrompts.Template.poll: ("language, kind, persona:data, poll:data, summary:data", true),
            SessionPrompts.Template.report: (
                "language, group:data, summary:data, themes:data, polls:data, transcript:data", true
            ),
        ]
        let tiers = [
            SessionPrompts.Template.decision: "mini", SessionPrompts.Template.summary: "mini",
            SessionPrompts.Template.themes: "mini", SessionPrompts.Template.report: "mini",
        ]
        return try PromptLibrary.parse(
            files: variables.map { name, spec in
                let names = spec.0.split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces).split(separator: ":")[0]
                }
                let body = names.map { "{{\($0)}}" }.joined(separator: "\n")
                let schema = spec.1 ? "inline" : "none"
                var text =
                    "---\nname: \(name)\ntier: \(tiers[name] ?? "main")\nversion: 1\nvariables: \(spec.0)\nschema: \(schema)\n---\n"
                text += "## system\nTest.\n\n## user\n\(body)\n"
                if spec.1 { text += "\n## schema\n```json\n{\"type\": \"object\"}\n```\n" }
                return ("\(name).md", text)
            })
    }

    struct Fixture {
        let sessions = InMemorySessions()
        let model: ScriptedModel
        let clock: MockClock
        let live: InMemoryLiveActivity
        let events = EventLog()
        let run: SessionRun
        let cancelled = Flag()

        /// `llm` stands in for `model` when given (a gateway over it, say); `sleeper` for one that only records.
        init(
            costPerCall: MicroUSD = .zero, clock: MockClock = MockClock(), sleeper: any Sleeper = RecordingSleeper(),
            live: InMemoryLiveActivity = InMemoryLiveActivity(), llm: (ScriptedModel) -> any LLMClient = { $0 }
        ) throws {
            model = ScriptedModel(costPerCall: costPerCall)
            self.clock = clock
            self.live = live
            run = SessionRun(
                sessions: sessions, live: live, llm: llm(model), prompts: try SessionRunTests.templates(),
                clock: clock, sleeper: sleeper, onEvent: { [events] in events.append($0) })
        }

        func newSession(maxTurns: Int = 40, cap: MicroUSD = MicroUSD(2_000_000)) throws -> FocusGroupSession {
            var settings = FocusGroupSettings.standard
            settings.maxTurns = maxTurns
            settings.usdCap = cap
            let snapshot = SessionSnapshot(
                focusGroupID: FocusGroupID("fg"), name: "Test", objective: "Learn", audience: "People", language: "en",
                participants: SessionRunTests.participants.enumerated().map { index, id in
                    SessionSnapshot.Participant(
                        id: id,
                        profile: PersonaProfile(
                            name: "Person \(index)", age: 30 + index, gender: .female, location: "Lyon",
                            occupation: "Nurse", incomeBand: .middle, attitude: index % 2 == 0 ? .skeptic : .enthusiast)
                    )
                },
                stimuli: [], settings: settings, guide: try ConversationEngineTests.guide(sections: 2, questions: 2))
            return try sessions.insert(
                FocusGroupSession(
                    id: SessionID(""), ownerID: UserID("65f0c0ffee0000000000abcd"), snapshot: snapshot, status: .queued,
                    state: ConversationState(participants: SessionRunTests.participants), taskID: nil, seedBase: 42,
                    fork: nil, replayOf: nil, themes: [], polls: [], report: nil, creditsCharged: .zero, failure: nil,
                    createdAt: clock.now, updatedAt: clock.now, finishedAt: nil))
        }

        func run(_ session: FocusGroupSession) throws -> JSONValue {
            try run(session.id, task: TaskID("t"), context: Context(cancelled: cancelled))
        }

        func messages(_ session: FocusGroupSession) throws -> [SessionMessage] {
            try sessions.messages(of: session.id, afterSeq: 0, limit: 1_000)
        }
    }

    @Test func aWholeSessionRunsToAReportWithPollsAndThemesBackedByQuotes() throws {
        let fixture = try Fixture()
        let session = try fixture.newSession()
        let result = try fixture.run(session)
        #expect(result["status"]?.stringValue == "finished")
        let stored = try #require(try fixture.sessions.session(id: session.id))
        let messages = try fixture.messages(session)
        #expect(messages.map(\.seq) == Array(1...messages.count), "seqs are 1…n without gaps")
        #expect(messages.first?.speaker == .moderator)
        #expect(stored.polls.count == 2 && stored.polls.allSatisfy { $0.answers.values.allSatisfy { $0.count == 3 } })
        #expect(stored.report?.partial == false && stored.report?.themes.isEmpty == false)
        for theme in stored.report?.themes ?? [] {
            #expect(Set(theme.quotes.map(\.personaID)).count >= 2)
            for quote in theme.quotes {
                #expect(messages[quote.seq - 1].speaker == .participant(quote.personaID))
            }
        }
        #expect(stored.state.promptTokens == fixture.model.total * 100)
        #expect(Set(messages.compactMap(\.speaker.participantID)) == Set(Self.participants))
    }

    @Test func aRunResumedAfterACrashGoesOnFromTheLastStoredMessage() throws {
        let fixture = try Fixture()
        let session = try fixture.newSession()
        _ = try fixture.run(session)
        let complete = try fixture.messages(session).map(\.text)
        // The same session again from message 7's state, as if the runner died right after storing it
        // (the session document still says message 3).
        let again = try Fixture()
        var copy = try again.newSession()
        for message in try fixture.messages(session).prefix(7) {
            _ = try again.sessions.append(
                SessionMessage(
                    sessionID: copy.id, seq: message.seq, speaker: message.speaker, speakerName: message.speakerName,
                    text: message.text, position: message.position, usage: message.usage, cost: message.cost,
                    regenerations: message.regenerations, stateAfter: message.stateAfter, createdAt: message.createdAt))
        }
        copy.state = try #require(try fixture.sessions.message(of: session.id, seq: 3)).stateAfter
        copy.status = .running
        try again.sessions.save(copy)
        _ = try again.run(copy)
        #expect(try again.messages(copy).map(\.text) == complete, "nothing lost, repeated or reordered")
    }

    @Test func anUnreachableDatabaseHandsTheTaskBackWhereAnUnreachableAIPauses() throws {
        let down = try Fixture(llm: { _ in Unreachable(error: .databaseUnreachable(detail: "down")) })
        let session = try down.newSession()
        #expect(throws: TaskFailure.interrupted) { try down.run(session) }
        #expect(try down.sessions.session(id: session.id)?.status != .paused)

        let aiDown = try Fixture(llm: { _ in Unreachable(error: .unavailable(detail: "the AI service")) })
        #expect(try aiDown.run(try aiDown.newSession())["status"]?.stringValue == "paused")
    }

    /// A step that fails as the database (its calls cache) or the AI service does when unreachable.
    struct Unreachable: LLMClient {
        let error: DomainError
        func complete(
            _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
        ) throws -> LLMResponse { throw error }
    }

    @Test func pauseEndsTheTaskWithNoCallsAndResumeGoesOn() throws {
        let fixture = try Fixture()
        let session = try fixture.newSession()
        try fixture.sessions.add(
            SessionCommand(
                id: "c1", sessionID: session.id, kind: .pause, text: nil, personaID: nil, createdAt: fixture.clock.now))
        #expect(try fixture.run(session)["status"]?.stringValue == "paused")
        #expect(fixture.model.total == 0)
        #expect(try fixture.run(session)["status"]?.stringValue == "finished")
    }

    /// Sent before the moderator opened: the opening comes first, then the mentioned persona.
    @Test func anInterjectionWithAMentionIsAnsweredByThatPersonaFirst() throws {
        let fixture = try Fixture()
        let session = try fixture.newSession()
        try fixture.sessions.add(
            SessionCommand(
                id: "c1", sessionID: session.id, kind: .interject, text: "What about the price?",
                personaID: Self.participants[3], createdAt: fixture.clock.now))
        _ = try fixture.run(session)
        let messages = try fixture.messages(session)
        let interjection = try #require(messages.firstIndex { $0.speaker == .human })
        #expect(messages[interjection].text == "What about the price?")
        let firstParticipant = messages[interjection...].first { $0.speaker.participantID != nil }
        #expect(firstParticipant?.speaker == .participant(Self.participants[3]))
    }

    @Test func aTurnThatBreaksCharacterIsRegeneratedAndTheReasonKept() throws {
        let fixture = try Fixture()
        fixture.model.badDrafts.withLock { $0 = ["As an AI language model, I have no opinion."] }
        let session = try fixture.newSession()
        _ = try fixture.run(session)
        let first = try #require(try fixture.messages(session).first { $0.speaker.participantID != nil })
        #expect(first.regenerations.count == 1 && first.regenerations[0].contains("broke character"))
        #expect(!first.text.contains("AI language model"))
        #expect(first.usage.promptTokens == 200, "both drafts are paid for")
    }

    @Test func theCapStopsWithAPartialReport() throws {
        let fixture = try Fixture(costPerCall: MicroUSD(60_000))
        let session = try fixture.newSession(cap: MicroUSD(500_000))
        _ = try fixture.run(session)
        let stored = try #require(try fixture.sessions.session(id: session.id))
        #expect(stored.status == .finished && stored.state.endReason == .usdCap)
        #expect(stored.report?.partial == true)
        #expect(stored.state.spent >= MicroUSD(500_000) && stored.state.spent < MicroUSD(560_000))
    }

    @Test func cancellingStopsWithAPartialReport() throws {
        let fixture = try Fixture()
        let session = try fixture.newSession()
        fixture.cancelled.set()
        #expect(throws: TaskFailure.cancelled) { try fixture.run(session) }
        let stored = try #require(try fixture.sessions.session(id: session.id))
        #expect(stored.status == .cancelled && stored.report?.partial == true)
    }
}
