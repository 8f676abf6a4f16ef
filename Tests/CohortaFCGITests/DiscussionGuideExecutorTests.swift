import CohortaTestSupport
import Domain
import Foundation
import Logging
import Synchronization
import Testing

@testable import CohortaFCGI

/// A fake model for guides: answers from a queue, else a valid guide or section for the template asked.
/// `during` runs inside every call (to delete the group, cancel the task …); like the gateway, the fake
/// throws `cancelled` once the cancellation check it was given says so.
final class FakeGuideLLM: LLMClient {
    enum Scripted: Sendable {
        case answer(JSONValue)
        case failure(DomainError)
    }

    let queue: Mutex<[Scripted]>  // guards the scripted answers, first first
    let requests = Mutex<[LLMRequest]>([])  // guards the requests seen, in order
    let sawCancellation = Mutex(false)  // guards whether a call saw its cancellation requested
    let during: @Sendable (LLMRequest) throws -> Void

    init(_ scripted: [Scripted] = [], during: @escaping @Sendable (LLMRequest) throws -> Void = { _ in }) {
        queue = Mutex(scripted)
        self.during = during
    }

    var seen: [LLMRequest] { requests.withLock { $0 } }

    func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMResponse {
        requests.withLock { $0.append(request) }
        try during(request)
        if cancellation.isRequested {
            sawCancellation.withLock { $0 = true }
            throw TaskFailure.cancelled
        }
        let next = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        let json: JSONValue
        switch next {
        case .answer(let value): json = value
        case .failure(let error): throw error
        case nil: json = request.template.hasPrefix("focus-group/guide-section") ? Self.section("Fresh") : Self.guide
        }
        return LLMResponse(
            content: json.serialized, json: json, model: "fake", usage: .zero, cost: MicroUSD(0), requestHash: "h",
            servedFromReplay: false)
    }

    static func section(_ title: String, turns: Int = 20, poll: JSONValue = .null) -> JSONValue {
        .object([
            ("title", .string(title)), ("goal", .string("Goal of \(title).")), ("minutes", .number(10)),
            ("turn_budget", .number(Double(turns))),
            (
                "questions",
                .array([.object([("text", .string("What about \(title)?")), ("probes", .array([.string("Why?")]))])])
            ),
            ("poll", poll),
        ])
    }

    static func poll(options: Int) -> JSONValue {
        .object([
            ("kind", .string("likert")), ("question", .string("How likely?")),
            ("options", .array((1...options).map { .string("Level \($0)") })), ("samples", .number(3)),
        ])
    }

    static let guide = JSONValue.object([
        ("introduction", .string("Welcome.")),
        (
            "sections",
            .array([
                section("Warm-up", turns: 8), section("Concept", turns: 32, poll: poll(options: 5)), section("Wrap-up"),
            ])
        ),
        ("closing", .string("Thanks.")),
    ])
}

/// The executors over in-memory stores and the fake model, run through the real `TaskRunner`.
struct GuideFixture {
    let clock = MockClock()
    let groups = InMemoryFocusGroups()
    let personas = InMemoryPersonas()
    let tasks = InMemoryTasks()
    let llm: FakeGuideLLM
    let owner = UserID("a1")
    let group: FocusGroup
    let participants: [Persona]

    init(llm: FakeGuideLLM = FakeGuideLLM()) throws {
        self.llm = llm
        let create = PersonaCreation(personas: personas, folders: personas, clock: clock)
        participants = try [("Maya Chen", 34, PersonaAttitude.enthusiast), ("Tom Berger", 58, .skeptic)].map {
            try create(
                by: UserID("a1"),
                profile: PersonaProfile(
                    name: $0.0, age: $0.1, gender: .female, location: "Leeds", occupation: "Nurse", incomeBand: .middle,
                    attitude: $0.2),
                in: nil)
        }
        group = try groups.insert(
            FocusGroup(
                id: FocusGroupID(""), ownerID: owner, name: "Meal kits",
                objective: "Learn what makes parents try meal kits.",
                audience: "Busy parents", language: "de", participantIDs: participants.map(\.id),
                stimuli: [Stimulus(id: StimulusID("st_1"), title: "Concept A", content: .concept(text: "A box."))],
                settings: .standard, guide: nil, createdAt: clock.now, updatedAt: clock.now))
    }

    static func prompts() throws -> PromptLibrary {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("prompts")
        return try PromptLibrary.parse(
            files: try [DiscussionGuideBrief.guideTemplate, DiscussionGuideBrief.sectionTemplate].map {
                ("\($0).md", try String(contentsOf: root.appendingPathComponent("\($0).md"), encoding: .utf8))
            })
    }

    var launch: DiscussionGuideLaunch {
        DiscussionGuideLaunch(focusGroups: groups, launch: TaskLauncher(store: tasks, clock: clock, policy: .standard))
    }

    func executors() throws -> [DiscussionGuideExecutor] {
        let prompts = try Self.prompts()
        return [DiscussionGuideRequest.guideKind, DiscussionGuideRequest.sectionKind].map {
            DiscussionGuideExecutor(
                kind: $0, focusGroups: groups, personas: personas, llm: llm, prompts: prompts, clock: clock)
        }
    }

    /// Runs the task to its end through the runner; returns the stored task.
    func runToEnd(_ task: TaskRecord) throws -> TaskRecord {
        let runner = TaskRunner(
            store: tasks, registry: ExecutorRegistry(try executors()), clock: clock, policy: .standard,
            logger: Logger(label: "test"))
        runner.runOnce(owner: RunnerID("r1"))
        return try #require(tasks.task(task.id))
    }

    var stored: FocusGroup? { try? groups.focusGroup(id: group.id, owner: owner) }

    /// Writes a whole guide through a task; returns the saved guide.
    func writeGuide() throws -> DiscussionGuide {
        #expect(try runToEnd(try launch.guide(of: group.id, by: owner)).status == .succeeded)
        return try #require(stored?.guide)
    }
}

@Suite struct DiscussionGuideExecutorTests {
    @Test func aWholeGuideIsWrittenFromTheGroupAndSavedAsVersionOneThenTwo() throws {
        let world = try GuideFixture()
        let done = try world.runToEnd(try world.launch.guide(of: world.group.id, by: world.owner))
        #expect(done.status == .succeeded)
        #expect(done.progress == TaskProgress(done: 1, total: 1, message: "Guide version 1 saved"))
        let guide = try #require(world.stored?.guide)
        #expect(guide.version == 1 && guide.sections.map(\.id) == ["s1", "s2", "s3"])
        #expect(done.result == .object([("guide", guide.json)]))

        let request = try #require(world.llm.seen.first)
        #expect(request.template == "focus-group/guide@1" && request.feature == .discussionGuide)
        #expect(request.attribution.objectReference == "focus_group:\(world.group.id.rawValue)")
        let user = request.messages[1].content
        #expect(user.contains("Maya Chen, 34, Nurse, enthusiast\nTom Berger, 58, Nurse, skeptic"))
        #expect(user.contains("\"Concept A\", a written concept") && user.contains("in German (de)"))

        _ = try world.runToEnd(try world.launch.guide(of: world.group.id, by: world.owner))
        #expect(world.stored?.guide?.version == 2)
    }

    @Test func aRewrittenSectionReplacesOnlyThatSectionAndBumpsTheVersion() throws {
        let world = try GuideFixture()
        let before = try world.writeGuide()
        let done = try world.runToEnd(try world.launch.section("s2", of: world.group.id, by: world.owner))
        #expect(done.status == .succeeded)
        let after = try #require(world.stored?.guide)
        #expect(after.version == before.version + 1)
        #expect(after.sections.map(\.id) == ["s1", "s2", "s3"])
        #expect(after.sections[0] == before.sections[0] && after.sections[2] == before.sections[2])
        #expect(after.sections[1].title == "Fresh" && after.sections[1].questions.first?.id == "s2q1")
        #expect(after.introduction == before.introduction && after.closing == before.closing)
        #expect(done.result == .object([("guide", after.json)]))

        let request = try #require(world.llm.seen.last)
        #expect(request.template == "focus-group/guide-section@1")
        #expect(request.messages[1].content.contains("Write section s2 again"))
        #expect(request.messages[1].content.contains("\"title\":\"Concept\""))
    }

    @Test func aDeletedParticipantIsLeftOutOfThePrompt() throws {
        let world = try GuideFixture()
        _ = try world.personas.delete([world.participants[0].id], owner: world.owner)
        _ = try world.writeGuide()
        let user = try #require(world.llm.seen.first?.messages[1].content)
        #expect(!user.contains("Maya Chen") && user.contains("Participants: 1 ("))
    }

    @Test func anAnswerBreakingALimitGetsOneRepairTurn() throws {
        let broken = JSONValue.object([
            ("introduction", .string("Welcome.")),
            ("sections", .array([FakeGuideLLM.section("Only", poll: FakeGuideLLM.poll(options: 4))])),
            ("closing", .string("Thanks.")),
        ])
        let world = try GuideFixture(llm: FakeGuideLLM([.answer(broken)]))
        let guide = try world.writeGuide()
        #expect(guide.sections.count == 3)
        let repair = try #require(world.llm.seen.last?.messages)
        #expect(repair.count == 4 && repair[2].role == .assistant && repair[2].content == broken.serialized)
        #expect(repair[3].content.contains("guide.sections[0].poll.options must be a 5- or 7-point scale"))
    }

    @Test func anAnswerStillBreakingALimitFailsTheTaskAsGuideInvalid() throws {
        let broken = FakeGuideLLM.section("Too long", turns: 41)
        let world = try GuideFixture()
        _ = try world.writeGuide()
        world.llm.queue.withLock { $0 = [.answer(broken), .answer(broken)] }
        let done = try world.runToEnd(try world.launch.section("s1", of: world.group.id, by: world.owner))
        #expect(done.status == .failed && done.error?.code == TaskFailure.Code("guide_invalid"))
        #expect(done.error?.message.contains("section.turn_budget") == true)
        #expect(world.stored?.guide?.version == 1)
    }

    @Test func aModelThatStaysUnavailableFailsTheTaskAsGuideFailed() throws {
        let world = try GuideFixture(llm: FakeGuideLLM([.failure(DomainError.unavailable(detail: "503s"))]))
        let done = try world.runToEnd(try world.launch.guide(of: world.group.id, by: world.owner))
        #expect(done.status == .failed && done.error?.code == TaskFailure.Code("guide_failed"))
        #expect(world.stored?.guide == nil)
    }

    @Test func aGroupDeletedBeforeOrDuringTheCallFailsTheTask() throws {
        let world = try GuideFixture()
        let early = try world.launch.guide(of: world.group.id, by: world.owner)
        _ = try world.groups.delete(world.group.id, owner: world.owner)
        #expect(try world.runToEnd(early).error?.code == TaskFailure.Code("focus_group_not_found"))

        let groups = Mutex<InMemoryFocusGroups?>(nil)  // guards the store the fake deletes from
        let late = try GuideFixture(
            llm: FakeGuideLLM { _ in
                if let store = groups.withLock({ $0 }) { _ = try store.delete(store.all[0].id, owner: UserID("a1")) }
            })
        groups.withLock { $0 = late.groups }
        let done = try late.runToEnd(try late.launch.guide(of: late.group.id, by: late.owner))
        #expect(done.status == .failed && done.error?.code == TaskFailure.Code("focus_group_not_found"))
        #expect(late.groups.all.isEmpty)
    }

    @Test func aSectionRemovedFromTheGuideMeanwhileFailsTheTask() throws {
        let world = try GuideFixture()
        let guide = try world.writeGuide()
        let task = try world.launch.section("s3", of: world.group.id, by: world.owner)
        var shorter = guide
        shorter.sections.removeLast()
        _ = try world.groups.setGuide(shorter, of: world.group.id, owner: world.owner, at: world.clock.now)
        let done = try world.runToEnd(task)
        #expect(done.status == .failed && done.error?.code == TaskFailure.Code("guide_section_not_found"))
        #expect(world.stored?.guide == shorter)
    }

    @Test func cancellingDuringTheCallReachesTheModelAndSavesNothing() throws {
        let tasks = Mutex<InMemoryTasks?>(nil)  // guards the store the fake cancels in
        let world = try GuideFixture(
            llm: FakeGuideLLM { _ in
                guard let store = tasks.withLock({ $0 }), let page = PageRequest(page: 1, perPage: 10),
                    let task = try store.tasks(of: UserID("a1"), page: page).items.first
                else { return }
                _ = try store.requestCancel(task.id, of: UserID("a1"), at: Date(), expiresAt: Date())
            })
        tasks.withLock { $0 = world.tasks }
        let done = try world.runToEnd(try world.launch.guide(of: world.group.id, by: world.owner))
        #expect(done.status == .cancelled)
        #expect(world.llm.sawCancellation.withLock { $0 })
        #expect(world.stored?.guide == nil)
    }

    @Test func aCancelledTaskAsksNothing() throws {
        let world = try GuideFixture()
        let task = try world.launch.guide(of: world.group.id, by: world.owner)
        let executor = try #require(try world.executors().first)
        #expect(throws: TaskFailure.cancelled) { try executor.run(task, context: RecordingContext(cancelled: true)) }
        #expect(world.llm.seen.isEmpty)
    }

    @Test func aRunResumedAfterTheWriteReturnsTheSavedGuideWithoutWritingAgain() throws {
        let world = try GuideFixture()
        let task = try world.launch.guide(of: world.group.id, by: world.owner)
        let executor = try #require(try world.executors().first)
        // The runner stops right after the checkpoint that follows the write.
        #expect(throws: TaskFailure.interrupted) { try executor.run(task, context: RecordingContext(stopAfter: 1)) }
        let saved = try #require(world.stored?.guide)
        let resumed = TaskRecord(
            id: task.id, userID: task.userID, kind: task.kind, status: .running, progress: task.progress,
            input: task.input, checkpoint: .object([("guide", saved.json)]), attempts: 2, createdAt: task.createdAt,
            updatedAt: task.updatedAt)
        #expect(try executor.run(resumed, context: RecordingContext()) == .object([("guide", saved.json)]))
        #expect(world.stored?.guide?.version == 1 && world.llm.seen.count == 1)
    }
}
