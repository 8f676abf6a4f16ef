import CohortaTestSupport
import Domain
import Foundation
import Logging
import Synchronization
import Testing

@testable import CohortaFCGI

/// A fake model: basic-profiles answers one distinct profile per slot; detail answers a character for the
/// profile it was given, or fails for names in `failing`. It counts the calls per template.
final class FakePanelLLM: LLMClient {
    let failing: Set<String>
    let failure: DomainError
    let calls = Mutex<[String: Int]>([:])  // guards the call counts by template name
    let onDetail: @Sendable () -> Void

    init(
        failing: Set<String> = [], failure: DomainError = .unavailable(detail: "scripted failure"),
        onDetail: @escaping @Sendable () -> Void = {}
    ) {
        self.failing = failing
        self.failure = failure
        self.onDetail = onDetail
    }

    func count(_ template: String) -> Int { calls.withLock { $0[template, default: 0] } }

    func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMResponse {
        let name = String(request.template.split(separator: "@")[0])
        let call = calls.withLock { counts -> Int in
            counts[name, default: 0] += 1
            return counts.values.reduce(0, +)
        }
        let user = request.messages.last?.content ?? ""
        let json: JSONValue
        if name == PanelGenerationDrafts.basicProfilesTemplate {
            let count = Int(user.firstMatch(of: /\((\d+) in total\)/)?.1 ?? "0") ?? 0
            json = .object([("profiles", .array((1...max(count, 1)).map { Self.profile(slot: $0, call: call) }))])
        } else {
            onDetail()
            if failing.contains(where: { user.contains("\"name\":\"\($0)\"") }) {
                throw failure
            }
            json = Self.detail(seed: request.seed ?? 0)
        }
        return LLMResponse(
            content: json.serialized, json: json, model: "fake", usage: .zero, cost: MicroUSD(0), requestHash: "h",
            servedFromReplay: false)
    }

    static func profile(slot: Int, call: Int) -> JSONValue {
        .object([
            ("slot", .number(Double(slot))), ("name", .string("Person \(slot)-\(call)")),
            ("age", .number(Double(20 + slot * 3))), ("gender", .string(slot.isMultiple(of: 2) ? "male" : "female")),
            ("location", .string("Town \(slot)")), ("occupation", .string("Job \(slot)")),
            ("income_band", .string("low")), ("attitude", .string("skeptic")),
            ("bio", .string("Unique\(slot) story\(slot) about life\(slot) here\(slot).")),
            ("provenance", .object([("age", .object([("source", .string("inferred")), ("rows", .array([]))]))])),
        ])
    }

    static func detail(seed: Int) -> JSONValue {
        func list(_ word: String) -> JSONValue { .array([.string("\(word) \(seed)"), .string("\(word) more")]) }
        return .object([
            ("bio", .string("A long bio number \(seed) with words\(seed).")), ("quote", .string("Quote \(seed).")),
            (
                "psychographics",
                .object([
                    ("values", list("value")), ("motivations", list("motive")), ("frustrations", list("gripe")),
                    ("interests", list("hobby")),
                ])
            ),
            (
                "behaviours",
                .object([("shopping", list("shop")), ("media", list("media")), ("technology", list("tech"))])
            ),
            ("provenance", .object([("bio", .object([("source", .string("inferred")), ("rows", .array([]))]))])),
        ])
    }
}

/// The executor over in-memory stores and the fake model, run through the real `TaskRunner`.
struct GenerationFixture {
    let fixture = AccountsFixture()
    let personas = InMemoryPersonas()
    let tasks = InMemoryTasks()
    let customerData = InMemoryCustomerData()
    let usageEvents = RecordingUsageEvents()
    let llm: FakePanelLLM
    let executor: PersonaGenerationExecutor
    let user: UserID

    init(llm: FakePanelLLM = FakePanelLLM(), parallelism: Int = 4) throws {
        self.llm = llm
        let ports = AppPorts(
            users: fixture.accounts, ledger: fixture.accounts, settings: InMemorySettings(),
            loginAttempts: fixture.attempts, hasher: fixture.hasher, signer: fixture.signer,
            health: RouteTestHarness.AlwaysHealthy(), personas: personas, folders: personas,
            customerData: customerData, usageEvents: usageEvents, clock: fixture.clock,
            tasks: tasks, taskPolicy: .standard, focusGroups: InMemoryFocusGroups(),
            stimulusImages: InMemoryStimulusImages(), sessions: InMemorySessions(),
            liveActivity: InMemoryLiveActivity(),
            modelPricing: InMemoryModelPrices(), models: RouteTestHarness.models,
            quotas: InMemoryQuotas(usage: usageEvents), adminAudit: fixture.audit,
            sessionCounter: FixedSessionCounts())
        executor = PersonaGenerationExecutor(
            services: RunnerServices(
                ports: ports, llm: llm, prompts: try Self.prompts(), logger: Logger(label: "test")),
            parallelism: parallelism)
        user = try fixture.signedInUser().user.id
    }

    static func prompts() throws -> PromptLibrary {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("prompts/persona")
        return try PromptLibrary.parse(
            files: try ["basic-profiles.md", "detail.md"].map {
                ("persona/\($0)", try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
            })
    }

    func launch(count: Int) throws -> TaskRecord {
        try PanelGenerationLaunch(
            users: fixture.accounts, folders: personas, settings: fixture.settings, customerData: customerData,
            launch: TaskLauncher(store: tasks, clock: fixture.clock, policy: .standard), randomSeed: { 7 })(
                PanelGenerationLaunch.Request(brief: "Commuters thinking about e-bikes.", count: count), by: user)
    }

    /// Runs the task to its end through the runner; returns the stored task.
    func runToEnd(_ task: TaskRecord) throws -> TaskRecord {
        let runner = TaskRunner(
            store: tasks, registry: ExecutorRegistry([executor]), clock: fixture.clock, policy: .standard,
            logger: Logger(label: "test"))
        runner.runOnce(owner: RunnerID("r1"))
        return try #require(tasks.task(task.id))
    }

    var balance: Credits { (try? fixture.accounts.user(id: user)?.creditsBalance) ?? .zero }
    var debits: [LedgerEntry] {
        guard let page = PageRequest(page: 1, perPage: 100) else { return [] }
        return (try? fixture.accounts.entries(of: user, page: page).items.filter { $0.kind == .debit }) ?? []
    }
    func generated(_ task: TaskRecord) throws -> [Persona] {
        try personas.personas(
            of: user, matching: PersonaFilter(), page: try #require(PageRequest(page: 1, perPage: 100))
        ).items
            .filter { $0.generation.taskID == task.id.rawValue }
    }
}

/// A context outside the runner, for driving `run` from a hand-made checkpoint.
final class RecordingContext: TaskContext {
    let checkpoints = Mutex<[JSONValue]>([])  // guards the checkpoints written, in order
    let cancelled: Bool
    /// Like a stopping runner: after this many checkpoints are saved, each further call throws `interrupted`.
    let stopAfter: Int

    init(cancelled: Bool = false, stopAfter: Int = .max) {
        self.cancelled = cancelled
        self.stopAfter = stopAfter
    }

    var isCancelled: Bool { cancelled }
    func report(_ progress: TaskProgress) throws {}
    func checkpoint(_ state: JSONValue, progress: TaskProgress) throws {
        let saved = checkpoints.withLock { checkpoints -> Int in
            guard checkpoints.count < stopAfter else { return checkpoints.count + 1 }
            checkpoints.append(state)
            return checkpoints.count
        }
        if saved >= stopAfter { throw TaskFailure.interrupted }
    }
}

@Suite struct PersonaGenerationExecutorTests {
    @Test func aPanelIsDraftedWrittenSavedAndChargedOncePerPersona() throws {
        let world = try GenerationFixture()
        let done = try world.runToEnd(try world.launch(count: 6))
        #expect(done.status == .succeeded)
        #expect(done.progress.done == 7 && done.progress.total == 7)
        let result = try #require(done.result)
        #expect(result["created"] == .number(6))
        #expect(result["failed"] == .number(0))
        #expect(result["credits_charged"] == .number(12))
        #expect(result["diversity"]?["score"]?.intValue.map { (0...100).contains($0) } == true)
        #expect(try world.generated(done).count == 6)
        #expect(world.balance == Credits(38))
        #expect(
            Set(world.debits.map(\.idempotencyKey.value))
                == Set((0..<6).map { "persona-generation:\(done.id.rawValue):\($0)" }))
        #expect(world.llm.count(PanelGenerationDrafts.basicProfilesTemplate) == 1)
        #expect(world.llm.count(PanelGenerationDrafts.detailTemplate) == 6)
    }

    @Test func aPersonaWhoseModelFailsIsReportedAndNotCharged() throws {
        let world = try GenerationFixture(llm: FakePanelLLM(failing: ["Person 2-1"]))
        let done = try world.runToEnd(try world.launch(count: 4))
        let result = try #require(done.result)
        #expect(done.status == .succeeded)
        #expect(result["created"] == .number(3))
        #expect(result["failed"] == .number(1))
        let failed = try #require(result["personas"]?.arrayValue?[1])
        #expect(failed["status"] == .string("failed"))
        #expect(failed["error"]?["code"] == .string("generation_failed"))
        #expect(world.balance == Credits(44))
        #expect(world.debits.count == 3)
    }

    @Test func aPersonaThatMeetsADatabaseOutageDoesNotFailTheRunStopsToResume() throws {
        let down = FakePanelLLM(failing: ["Person 2-1"], failure: .databaseUnreachable(detail: "calls cache"))
        let world = try GenerationFixture(llm: down, parallelism: 1)
        let task = try world.launch(count: 3)
        let context = RecordingContext()
        #expect(throws: TaskFailure.interrupted) { try world.executor.run(task, context: context) }
        let saved = try #require(context.checkpoints.withLock { $0.last })
        let checkpoint = try PanelGenerationCheckpoint(json: saved)
        #expect(checkpoint.nextSteps(count: 3).first == .write(index: 1), "persona 1 is written again on resume")
        #expect(world.debits.count == 1)
    }

    @Test func personasTheBalanceNoLongerCoversFailWithoutAModelCall() throws {
        let world = try GenerationFixture()
        let task = try world.launch(count: 4)
        _ = try world.fixture.accounts.apply(
            LedgerChange(
                userID: world.user, amount: Credits(-46), kind: .debit, reason: "spent elsewhere",
                idempotencyKey: try #require(IdempotencyKey("elsewhere")), at: world.fixture.clock.now))
        let done = try world.runToEnd(task)
        let result = try #require(done.result)
        #expect(result["created"] == .number(2))
        #expect(result["failed"] == .number(2))
        let codes = result["personas"]?.arrayValue?.compactMap { $0["error"]?["code"]?.stringValue }
        #expect(codes == ["insufficient_credits", "insufficient_credits"])
        #expect(world.llm.count(PanelGenerationDrafts.detailTemplate) == 2)
        #expect(world.balance == .zero)
    }

    @Test func aResumedRunRedoesNothingFinishedAndChargesTheSavedButUnchargedPersonaOnce() throws {
        let world = try GenerationFixture(parallelism: 1)
        let task = try world.launch(count: 3)
        // The runner stops right after the checkpoint that saved persona 0, before its charge.
        let stopping = RecordingContext(stopAfter: 2)
        #expect(throws: TaskFailure.interrupted) { try world.executor.run(task, context: stopping) }
        let saved = try #require(stopping.checkpoints.withLock { $0.last })
        #expect(try PanelGenerationCheckpoint(json: saved).nextSteps(count: 3).first == .charge(index: 0))
        #expect(world.debits.isEmpty)

        let resumed = TaskRecord(
            id: task.id, userID: task.userID, kind: task.kind, status: .running, progress: task.progress,
            input: task.input, checkpoint: saved, attempts: 2, createdAt: task.createdAt, updatedAt: task.updatedAt)
        let result = try world.executor.run(resumed, context: RecordingContext())
        #expect(result["created"] == .number(3))
        #expect(result["credits_charged"] == .number(6))
        #expect(world.debits.count == 3)
        #expect(try world.generated(task).count == 3)
        #expect(world.llm.count(PanelGenerationDrafts.basicProfilesTemplate) == 1)
        #expect(world.llm.count(PanelGenerationDrafts.detailTemplate) == 3)
    }

    @Test func cancellingStopsBeforeTheNextPersona() throws {
        let world = try GenerationFixture()
        let task = try world.launch(count: 3)
        #expect(throws: TaskFailure.cancelled) {
            try world.executor.run(task, context: RecordingContext(cancelled: true))
        }
        #expect(world.llm.count(PanelGenerationDrafts.basicProfilesTemplate) == 0)
        #expect(world.debits.isEmpty)
    }
}
