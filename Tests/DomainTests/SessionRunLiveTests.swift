import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

/// What a run publishes for the researchers watching live: the drafts of model turns as they stream, the
/// poll being asked, and idle when it waits or stops; never at the cost of the run.
struct SessionRunLiveTests {
    /// The scripted model behind a real gateway: streams each answer three words per chunk, the clock moving
    /// 40 ms per chunk; can drop the stream of the first participant call halfway (a network failure).
    final class StreamingTransport: LLMTransport {
        let model: SessionRunTests.ScriptedModel
        let clock: MockClock
        let live: InMemoryLiveActivity
        /// For every call, its template and the activity current when it was sent.
        let sent = Mutex<[(template: String, activity: LiveActivity.Kind?)]>([])
        let dropFirstParticipantStream = Mutex(false)
        /// How many chunks were streamed.
        let streamed = Mutex(0)

        init(model: SessionRunTests.ScriptedModel, clock: MockClock, live: InMemoryLiveActivity) {
            self.model = model
            self.clock = clock
            self.live = live
        }

        func send(_ call: LLMCall, cancellation: CancellationCheck, onDelta: ((String) -> Void)?) throws
            -> LLMCompletion
        {
            let template = SessionPrompts.Template.all.first {
                $0.replacingOccurrences(of: "/", with: "_") == call.schemaName
            }
            let name = try #require(template)
            sent.withLock { $0.append((name, live.published.last?.kind)) }
            let drop = name == SessionPrompts.Template.participant && dropFirstParticipantStream.withLock { $0 }
            let answer: String
            if drop {
                dropFirstParticipantStream.withLock { $0 = false }
                answer = "I was about to say something when the line went dead"
            } else {
                answer = model.answer(name, seed: call.seed ?? 0, user: call.messages.last?.content ?? "").text
            }
            let chunks = Self.chunks(of: answer)
            for (index, chunk) in chunks.enumerated() {
                if drop, index == chunks.count / 2 { throw LLMTransportError(.network, detail: "connection reset") }
                clock.advance(by: 0.04)
                streamed.withLock { $0 += 1 }
                onDelta?(chunk)
            }
            return LLMCompletion(content: answer, usage: TokenUsage(promptTokens: 100, completionTokens: 10))
        }

        static func chunks(of text: String) -> [String] {
            let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            return stride(from: 0, to: words.count, by: 3).map { start in
                let piece = words[start..<min(start + 3, words.count)].joined(separator: " ")
                return start + 3 < words.count ? piece + " " : piece
            }
        }
    }

    /// A run over a gateway over a streaming transport; `calls` may be shared to serve replays.
    struct Fixture {
        let clock = MockClock()
        let live = InMemoryLiveActivity()
        let calls: InMemoryLLMCalls
        let base: SessionRunTests.Fixture
        let transport: StreamingTransport

        /// `sleepsOnClock`: waiting moves the clock (a wait for the researcher reaches the idle limit).
        init(calls: InMemoryLLMCalls = InMemoryLLMCalls(), sleepsOnClock: Bool = false) throws {
            self.calls = calls
            var made: StreamingTransport?
            let sleeper: any Sleeper = sleepsOnClock ? ClockSleeper(clock: clock) : RecordingSleeper()
            base = try SessionRunTests.Fixture(clock: clock, sleeper: sleeper, live: live) {
                [clock, live] model in
                let transport = StreamingTransport(model: model, clock: clock, live: live)
                made = transport
                return LLMGateway(
                    transport: transport, calls: calls, usageEvents: RecordingUsageEvents(),
                    pricing: FixedPricing(prices: []), digest: TransparentDigest(), sleeper: RecordingSleeper(),
                    clock: clock, models: LLMModelNames(main: "main", mini: "mini"), random: { 0 })
            }
            transport = try #require(made)
        }

        /// The speaking drafts published, in order.
        var drafts: [(seq: Int, speaker: Speaker, name: String, draft: String, at: Date)] {
            live.published.compactMap { activity in
                guard case .speaking(let seq, let speaker, let name, let draft) = activity.kind else { return nil }
                return (seq, speaker, name, draft, activity.updatedAt)
            }
        }
    }

    /// Moves the clock by each duration slept, so a wait for the researcher reaches the idle limit.
    struct ClockSleeper: Sleeper {
        let clock: MockClock
        func sleep(for duration: Duration, cancellation: CancellationCheck) -> Bool {
            clock.advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
            return !cancellation.isRequested
        }
    }

    @Test func everyModelTurnIsPublishedAsTheDraftOfItsSeqWhileItStreams() throws {
        let fixture = try Fixture()
        let session = try fixture.base.newSession()
        #expect(try fixture.base.run(session)["status"]?.stringValue == "finished")
        let messages = try fixture.base.messages(session)
        let drafts = fixture.drafts
        for draft in drafts {
            let message = try #require(messages.first { $0.seq == draft.seq })
            #expect(message.speaker == draft.speaker && message.speakerName == draft.name)
            #expect(message.text.hasPrefix(draft.draft), "a draft is the stored text so far")
        }
        let drafted = Set(drafts.map(\.seq))
        for message in messages where message.speaker != .human {
            #expect(drafted.contains(message.seq), "message \(message.seq) was drafted live")
        }
        #expect(fixture.live.current(of: session.id)?.kind == .idle)
    }

    @Test func draftsAreCoalescedToOneEvery100Milliseconds() throws {
        let fixture = try Fixture()
        _ = try fixture.base.run(try fixture.base.newSession())
        let drafts = fixture.drafts
        let sameTurn = zip(drafts, drafts.dropFirst()).filter { $0.seq == $1.seq }
        #expect(!sameTurn.isEmpty)
        for (earlier, later) in sameTurn {
            #expect(later.at.timeIntervalSince(earlier.at) >= DraftCoalescer.standardInterval - 1e-6)
        }
        #expect(drafts.count < fixture.transport.streamed.withLock { $0 } / 2, "far fewer publishes than chunks")
    }

    @Test func aPollIsPublishedBeforeItsCalls() throws {
        let fixture = try Fixture()
        let session = try fixture.base.newSession()
        _ = try fixture.base.run(session)
        let pollCalls = fixture.transport.sent.withLock { $0.filter { $0.template == SessionPrompts.Template.poll } }
        #expect(!pollCalls.isEmpty)
        for call in pollCalls {
            guard case .polling(let section, let poll) = call.activity else {
                Issue.record("a poll call was sent while the activity was \(String(describing: call.activity))")
                continue
            }
            let stored = try #require(try fixture.base.sessions.session(id: session.id))
            #expect(stored.polls.contains { $0.section == section && $0.poll == poll })
        }
    }

    @Test func aRetriedAttemptRestartsTheDraft() throws {
        let fixture = try Fixture()
        fixture.transport.dropFirstParticipantStream.withLock { $0 = true }
        let session = try fixture.base.newSession()
        _ = try fixture.base.run(session)
        let first = try #require(try fixture.base.messages(session).first { $0.speaker.participantID != nil })
        let drafts = fixture.drafts.filter { $0.seq == first.seq }.map(\.draft)
        let dropped = "I was about to say something when the line went dead"
        #expect(drafts.first.map(dropped.hasPrefix) == true, "the dropped attempt was drafted")
        #expect(drafts.last.map(first.text.hasPrefix) == true, "then the retried one")
        #expect(drafts.allSatisfy { dropped.hasPrefix($0) || first.text.hasPrefix($0) }, "never the two run together")
    }

    @Test func aReplayedSessionPublishesNoDrafts() throws {
        let original = try Fixture()
        _ = try original.base.run(try original.base.newSession())
        let replay = try Fixture(calls: original.calls)
        _ = try replay.base.run(try replay.base.newSession())
        #expect(replay.base.model.total == 0, "every answer came from llm_calls")
        #expect(replay.drafts.isEmpty)
        #expect(replay.live.published.contains { if case .polling = $0.kind { true } else { false } })
    }

    @Test func aPauseLeavesTheActivityIdle() throws {
        let fixture = try Fixture()
        let session = try fixture.base.newSession()
        try fixture.base.sessions.add(
            SessionCommand(
                id: "c1", sessionID: session.id, kind: .pause, text: nil, personaID: nil,
                createdAt: fixture.clock.now))
        #expect(try fixture.base.run(session)["status"]?.stringValue == "paused")
        #expect(fixture.live.published.map(\.kind) == [.idle])
    }

    @Test func aLongWaitForTheResearcherPublishesIdleOnce() throws {
        let fixture = try Fixture(sleepsOnClock: true)
        let session = try fixture.base.newSession()
        try fixture.base.sessions.add(
            SessionCommand(
                id: "c1", sessionID: session.id, kind: .takeOver, text: nil, personaID: nil,
                createdAt: fixture.clock.now))
        #expect(try fixture.base.run(session)["status"]?.stringValue == "paused", "the researcher stayed idle")
        #expect(fixture.live.published.filter { $0.kind == .idle }.count == 1)
        #expect(fixture.live.current(of: session.id)?.kind == .idle)
    }

    @Test func aFailingLiveStoreNeverFailsTheRunAndIsReportedOnce() throws {
        let fixture = try Fixture()
        fixture.live.setFailing(true)
        let session = try fixture.base.newSession()
        #expect(try fixture.base.run(session)["status"]?.stringValue == "finished")
        let failures = fixture.base.events.all.filter { if case .livePublishFailed = $0 { true } else { false } }
        #expect(failures.count == 1)
    }

    /// One chunk per call of `send`'s script entry; an entry ending in nil drops the stream there.
    final class ChunkTransport: LLMTransport {
        let script: Mutex<[[String?]]>

        init(_ script: [[String?]]) { self.script = Mutex(script) }

        func send(_ call: LLMCall, cancellation: CancellationCheck, onDelta: ((String) -> Void)?) throws
            -> LLMCompletion
        {
            let chunks = script.withLock { $0.removeFirst() }
            var content = ""
            for chunk in chunks {
                guard let chunk else { throw LLMTransportError(.network, detail: "connection reset") }
                content += chunk
                onDelta?(chunk)
            }
            return LLMCompletion(content: content, usage: TokenUsage(promptTokens: 1, completionTokens: 1))
        }
    }

    @Test func theGatewayHandsOnEachAttemptsTextSoFarFromItsBeginning() throws {
        let gateway = LLMGateway(
            transport: ChunkTransport([["Hel", "lo", nil], ["Hel", "lo, ", "you."]]), calls: InMemoryLLMCalls(),
            usageEvents: RecordingUsageEvents(), pricing: FixedPricing(prices: []), digest: TransparentDigest(),
            sleeper: RecordingSleeper(), clock: MockClock(), models: LLMModelNames(main: "main", mini: "mini"),
            random: { 0 })
        let texts = Mutex<[String]>([])
        let request = LLMRequest(
            feature: .summary, template: "t@1", messages: [ChatMessage(.user, "Hi")],
            attribution: UsageAttribution(userID: UserID("u"), objectReference: "test"))
        let response = try gateway.complete(request, onDelta: { text in texts.withLock { $0.append(text) } })
        #expect(response.content == "Hello, you.")
        #expect(texts.withLock { $0 } == ["Hel", "Hello", "Hel", "Hello, ", "Hello, you."])
    }
}
