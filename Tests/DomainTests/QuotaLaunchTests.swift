import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

/// Launches that spend are refused up front at the limit, leaving nothing behind; a running session that
/// reaches it pauses with its partial state and resumes after a raise.
struct QuotaLaunchTests {
    /// A user with credits, a ready focus group, and the session launch over in-memory stores.
    struct Fixture {
        let clock = MockClock()
        let accounts = AccountsFixture()
        let personas = InMemoryPersonas()
        let groups = InMemoryFocusGroups()
        let sessions = InMemorySessions()
        let tasks = InMemoryTasks()
        let usage = RecordingUsageEvents()
        let quotas: InMemoryQuotas
        let launch: SessionLaunch
        let owner: UserID
        let group: FocusGroupID

        static let prices = [
            ModelPricing(model: "main", inputPerMillion: MicroUSD(2_500_000), outputPerMillion: MicroUSD(10_000_000)),
            ModelPricing(model: "mini", inputPerMillion: MicroUSD(150_000), outputPerMillion: MicroUSD(600_000)),
        ]

        init(limit: MicroUSD) throws {
            quotas = InMemoryQuotas(usage: usage)
            var settings = AppSettings.defaults
            settings.monthlyUSDQuota = limit
            let store = StaticSettings(settings)
            owner = try accounts.signedInUser().user.id
            _ = try accounts.adjustCredits(
                by: try accounts.accounts.setRole(.admin, of: try accounts.signedInUser("root@example.com").user.id),
                for: owner, amount: 100, reason: "test", idempotencyKey: IdempotencyKey(scope: "t", unique: UUID()))
            let participants = try (0..<3).map { [personas, owner, clock] index in
                try personas.insert(
                    NewPersona(
                        ownerID: owner, folderID: nil,
                        profile: PersonaProfile(
                            name: "Person \(index)", age: 30 + index, gender: .female, location: "Leeds",
                            occupation: "Nurse", incomeBand: .middle, attitude: .neutral),
                        generation: .manual, createdAt: clock.now)
                ).id
            }
            var ready = GuideFixtures.group(owner: owner, guide: try ConversationEngineTests.guide())
            ready.participantIDs = participants
            group = try groups.insert(ready).id
            launch = SessionLaunch(
                focusGroups: groups, personas: personas, sessions: sessions, users: accounts.accounts,
                ledger: accounts.accounts, settings: store, pricing: FixedPricing(prices: Self.prices),
                models: LLMModelNames(main: "main", mini: "mini"),
                launch: TaskLauncher(
                    store: tasks, clock: clock, policy: .standard,
                    quota: SpendingQuota(quotas: quotas, settings: store, clock: clock)),
                clock: clock)
        }

        func spend(_ cost: Int64) throws {
            try usage.record(
                UsageEvent(
                    userID: owner, feature: .moderator, objectReference: nil, model: "main", usage: .zero,
                    cost: MicroUSD(cost), replayed: false, createdAt: clock.now))
        }

        var balance: Credits { get throws { try #require(try accounts.accounts.user(id: owner)).creditsBalance } }
        var taskCount: Int {
            get throws { try tasks.tasks(of: owner, page: try #require(PageRequest(perPage: 100))).total }
        }
    }

    @Test func aSessionWhoseEstimateWouldExceedTheLimitIsRefusedWithNothingLeftBehind() throws {
        let probe = try Fixture(limit: MicroUSD(1_000_000_000))
        let estimate = try #require(try probe.launch.estimate(probe.group, owner: probe.owner).cost)
        #expect(estimate > .zero)

        let fixture = try Fixture(limit: MicroUSD(estimate.value + 10))
        try fixture.spend(11)
        let before = try fixture.balance
        let refusal = #expect(throws: DomainError.self) {
            try fixture.launch.start(fixture.group, owner: fixture.owner)
        }
        #expect(refusal?.code == .quotaExceeded)
        #expect(try fixture.balance == before, "nothing charged")
        #expect(try fixture.taskCount == 0, "no task")
        #expect(try fixture.sessions.sessions(of: fixture.group, owner: fixture.owner).isEmpty, "no session")
        #expect(fixture.usage.all.count == 1, "no usage event")
    }

    @Test func aSessionStartsWhenTheEstimateFits() throws {
        let probe = try Fixture(limit: MicroUSD(1_000_000_000))
        let estimate = try #require(try probe.launch.estimate(probe.group, owner: probe.owner).cost)
        let fixture = try Fixture(limit: MicroUSD(estimate.value + 10))
        try fixture.spend(10)
        let (session, _) = try fixture.launch.start(fixture.group, owner: fixture.owner)
        #expect(session.status == .queued && session.creditsCharged.isPositive)
        #expect(try fixture.taskCount == 1)
    }

    @Test func anyTaskLaunchIsRefusedOnceTheLimitIsReached() throws {
        let fixture = try Fixture(limit: MicroUSD(500))
        try fixture.spend(500)
        let launcher = TaskLauncher(
            store: fixture.tasks, clock: fixture.clock, policy: .standard,
            quota: SpendingQuota(quotas: fixture.quotas, settings: StaticSettings(.defaults), clock: fixture.clock))
        try fixture.quotas.setLimitOverride(MicroUSD(500), of: fixture.owner, at: fixture.clock.now)
        #expect(throws: DomainError.self) {
            try launcher(TaskKind("discussion_guide"), for: fixture.owner, input: .null)
        }
        #expect(try fixture.taskCount == 0)
        try fixture.quotas.setLimitOverride(MicroUSD(501), of: fixture.owner, at: fixture.clock.now)
        _ = try launcher(TaskKind("discussion_guide"), for: fixture.owner, input: .null)
        #expect(try fixture.taskCount == 1)
    }

    @Test func aPausedSessionResumesOnlyWithRoomLeftAndStaysPausedOtherwise() throws {
        let fixture = try Fixture(limit: MicroUSD(1_000_000_000))
        var (session, _) = try fixture.launch.start(fixture.group, owner: fixture.owner)
        session.status = .paused
        session.failure = "You have reached your monthly AI usage limit."
        try fixture.sessions.save(session)
        try fixture.quotas.setLimitOverride(MicroUSD(5), of: fixture.owner, at: fixture.clock.now)
        try fixture.spend(5)
        #expect(throws: DomainError.self) { try fixture.launch.resume(session.id, owner: fixture.owner) }
        let stored = try #require(try fixture.sessions.session(id: session.id))
        #expect(stored.status == .paused && stored.failure != nil)
        #expect(try fixture.taskCount == 1)

        try fixture.quotas.setLimitOverride(nil, of: fixture.owner, at: fixture.clock.now)
        #expect(try fixture.launch.resume(session.id, owner: fixture.owner).0.status == .queued)
    }

    // MARK: - A running session

    @Test func aRunningSessionPausesAtTheLimitWithItsPartialStateAndResumesAfterARaise() throws {
        let usage = RecordingUsageEvents()
        let quotas = InMemoryQuotas(usage: usage)
        let clock = MockClock()
        var settings = AppSettings.defaults
        settings.monthlyUSDQuota = MicroUSD(10_000)
        let calls = InMemoryLLMCalls()
        var transport: SessionRunLiveTests.StreamingTransport?
        let base = try SessionRunTests.Fixture(clock: clock) { model in
            let made = SessionRunLiveTests.StreamingTransport(model: model, clock: clock, live: InMemoryLiveActivity())
            transport = made
            // 100 prompt + 10 completion tokens: 1,100 µ$ a call.
            return LLMGateway(
                transport: made, calls: calls, usageEvents: usage,
                pricing: FixedPricing(
                    prices: ["main", "mini"].map {
                        ModelPricing(
                            model: $0, inputPerMillion: MicroUSD(10_000_000), outputPerMillion: MicroUSD(10_000_000))
                    }),
                digest: TransparentDigest(), sleeper: RecordingSleeper(), clock: clock,
                models: LLMModelNames(main: "main", mini: "mini"), random: { 0 },
                quota: SpendingQuota(quotas: quotas, settings: StaticSettings(settings), clock: clock))
        }
        let session = try base.newSession()

        #expect(try base.run(session)["status"]?.stringValue == "paused")
        let paused = try #require(try base.sessions.session(id: session.id))
        #expect(paused.status == .paused)
        #expect(paused.failure?.contains("monthly AI usage limit") == true)
        #expect(paused.report == nil && paused.finishedAt == nil)
        let sent = try #require(transport).sent.withLock { $0.count }
        #expect(sent == 10, "10 calls of 1,100 µ$ reach 10,000 µ$; none starts after")
        let spent = try quotas.spent(by: session.ownerID, in: QuotaMonth(containing: clock.now))
        #expect(spent == MicroUSD(11_000))
        let kept = try base.messages(session)
        #expect(!kept.isEmpty && paused.state.nextSeq == kept.count + 1, "what was said so far is kept")
        #expect(base.events.all.contains { if case .stopped(.paused, _) = $0 { true } else { false } })

        try quotas.setLimitOverride(MicroUSD(10_000_000), of: session.ownerID, at: clock.now)
        #expect(try base.run(paused)["status"]?.stringValue == "finished")
        #expect(Array(try base.messages(session).prefix(kept.count)).map(\.text) == kept.map(\.text))
    }
}
