import CohortaTestSupport
import Domain
import Foundation
import Testing

/// The monthly spend limit: UTC months, the status arithmetic, the limit a user has, and the admin override.
struct QuotaTests {
    static let user = UserID("65f0c0ffee0000000000abcd")
    /// 2026-11-30 23:59:59 UTC.
    static let endOfNovember = Date(timeIntervalSince1970: 1_796_083_199)

    static func event(cost: Int64, at date: Date, user: UserID = user) -> UsageEvent {
        UsageEvent(
            userID: user, feature: .personaDetail, objectReference: nil, model: "m", usage: .zero,
            cost: MicroUSD(cost), replayed: false, createdAt: date)
    }

    struct Fixture {
        let clock: MockClock
        let usage = RecordingUsageEvents()
        let quotas: InMemoryQuotas
        let spending: SpendingQuota

        init(now: Date = QuotaTests.endOfNovember, defaultLimit: MicroUSD = AppSettings.defaultMonthlyQuota) {
            clock = MockClock(now)
            quotas = InMemoryQuotas(usage: usage)
            var settings = AppSettings.defaults
            settings.monthlyUSDQuota = defaultLimit
            spending = SpendingQuota(quotas: quotas, settings: StaticSettings(settings), clock: clock)
        }
    }

    // MARK: - Months

    @Test func aMonthIsTheUTCCalendarMonth() {
        let november = QuotaMonth(containing: Self.endOfNovember)
        #expect(november.description == "2026-11")
        #expect(november.start == Date(timeIntervalSince1970: 1_793_491_200))
        #expect(november.end == Date(timeIntervalSince1970: 1_796_083_200))
        #expect(QuotaMonth(containing: Self.endOfNovember.addingTimeInterval(1)) == november.next)
        #expect(QuotaMonth(containing: november.start) == november)
        #expect(QuotaMonth(containing: november.start.addingTimeInterval(-1)).description == "2026-10")
    }

    @Test func nextCrossesYearsAndShortMonths() throws {
        let december = QuotaMonth(containing: Self.endOfNovember.addingTimeInterval(1))
        #expect(december.next.description == "2027-01")
        let leapFebruary = QuotaMonth(containing: try #require(CalendarDay(iso: "2028-02-29")).start)
        #expect(leapFebruary.next.description == "2028-03")
        #expect(leapFebruary.end == (try #require(CalendarDay(iso: "2028-03-01"))).start)
        let january = QuotaMonth(containing: try #require(CalendarDay(iso: "2027-01-31")).start)
        #expect(january.next.description == "2027-02")
    }

    // MARK: - Status

    @Test func theLimitIsReachedAtEqualityAndRemainingNeverGoesNegative() {
        let month = QuotaMonth(containing: Self.endOfNovember)
        let under = QuotaStatus(limit: MicroUSD(1_000), spent: MicroUSD(999), month: month)
        #expect(!under.isReached && under.remaining == MicroUSD(1) && under.refusal == nil)
        #expect(under.admits(MicroUSD(1)) && !under.admits(MicroUSD(2)))
        let at = under.adding(MicroUSD(1))
        #expect(at.isReached && at.remaining == .zero && !at.admits(.zero))
        let over = QuotaStatus(limit: MicroUSD(1_000), spent: MicroUSD(1_450), month: month)
        #expect(over.remaining == .zero && over.isReached)
        #expect(over.resetsAt == month.next.start)
    }

    @Test func theRefusalSaysTheLimitAndWhenItResets() {
        let status = QuotaStatus(
            limit: MicroUSD(50_000_000), spent: MicroUSD(50_000_001), month: QuotaMonth(containing: Self.endOfNovember))
        let refusal = status.exceeded
        #expect(refusal.code == .quotaExceeded)
        #expect(refusal.message.contains("$50.00") && refusal.message.contains("2026-12-01 (UTC)"))
        let estimated = QuotaStatus(limit: MicroUSD(25_500_000), spent: MicroUSD(20_000_000), month: status.month)
            .exceeded(estimate: MicroUSD(6_123_400))
        #expect(estimated.message.contains("$6.1234") && estimated.message.contains("$5.50"))
        #expect(estimated.message.contains("$25.50") && estimated.message.contains("2026-12-01"))
    }

    // MARK: - The user's limit and spend

    @Test func spendIsThisMonthsEventsAgainstTheDefaultLimit() throws {
        let fixture = Fixture(defaultLimit: MicroUSD(10_000))
        try fixture.usage.record(Self.event(cost: 4_000, at: Self.endOfNovember))
        try fixture.usage.record(Self.event(cost: 3_000, at: Self.endOfNovember.addingTimeInterval(-86_400 * 20)))
        try fixture.usage.record(Self.event(cost: 9_999, at: Self.endOfNovember.addingTimeInterval(-86_400 * 31)))
        try fixture.usage.record(Self.event(cost: 9_999, at: Self.endOfNovember, user: UserID("someone-else")))
        let status = try fixture.spending.status(of: Self.user)
        #expect(status.limit == MicroUSD(10_000) && status.spent == MicroUSD(7_000))
        #expect(status.month.description == "2026-11")
    }

    @Test func aNewMonthStartsFromZero() throws {
        let fixture = Fixture(defaultLimit: MicroUSD(5_000))
        try fixture.usage.record(Self.event(cost: 5_000, at: Self.endOfNovember))
        #expect(throws: DomainError.self) { try fixture.spending.requireRoom(for: Self.user) }
        fixture.clock.advance(by: 1)
        let december = try fixture.spending.requireRoom(for: Self.user)
        #expect(december.spent == .zero && december.month.description == "2026-12")
    }

    @Test func anOverrideWinsOverTheDefaultAndNullGoesBack() throws {
        let accounts = AccountsFixture()
        let admin = try accounts.accounts.setRole(.admin, of: try accounts.signedInUser("root@example.com").user.id)
        let target = try accounts.signedInUser().user
        let fixture = Fixture(defaultLimit: MicroUSD(10_000))
        let override = QuotaOverride(
            users: accounts.accounts, quotas: fixture.quotas, spending: fixture.spending, audit: accounts.audit,
            clock: fixture.clock)

        #expect(try override(by: admin, for: target.id, limit: MicroUSD(25_000_000)).limit == MicroUSD(25_000_000))
        #expect(try fixture.spending.status(of: target.id).limit == MicroUSD(25_000_000))
        #expect(try override(by: admin, for: target.id, limit: nil).limit == MicroUSD(10_000))
        #expect(try fixture.quotas.limitOverride(of: target.id) == nil)
    }

    @Test func onlyAnAdminMaySetAnOverrideAndOnlyForAUserWhoExists() throws {
        let accounts = AccountsFixture()
        let user = try accounts.signedInUser().user
        let admin = try accounts.accounts.setRole(.admin, of: try accounts.signedInUser("root@example.com").user.id)
        let fixture = Fixture()
        let override = QuotaOverride(
            users: accounts.accounts, quotas: fixture.quotas, spending: fixture.spending, audit: accounts.audit,
            clock: fixture.clock)
        #expect(throws: DomainError.self) { try override(by: user, for: user.id, limit: MicroUSD(1)) }
        #expect(try fixture.quotas.limitOverride(of: user.id) == nil)
        let missing = #expect(throws: DomainError.self) {
            try override(by: admin, for: UserID("65f0c0ffee00000000000000"), limit: MicroUSD(1))
        }
        #expect(missing?.code == .notFound)
    }

    @Test func aPersonaRefusedByTheQuotaFailsWithItsOwnCodeAndTheMessage() {
        let refusal = QuotaStatus(limit: .zero, spent: .zero, month: QuotaMonth(containing: Self.endOfNovember))
            .exceeded
        let failure = PanelGenerationFailure(refusal)
        #expect(failure.code == "quota_exceeded" && failure.message == refusal.message)
        #expect(TaskFailure(quotaExceeded: refusal) == TaskFailure(.quotaExceeded, refusal.message))
    }
}
