import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct BusinessAnalyticsTests {
    let fixture = AccountsFixture()
    let history = InMemoryActivityHistory()

    var analytics: BusinessAnalytics { BusinessAnalytics(history: history, audit: fixture.audit, clock: fixture.clock) }

    func admin() throws -> User {
        try fixture.accounts.setRole(.admin, of: try fixture.signedInUser("root@example.com").user.id)
    }

    func day(_ offset: Int, hour: Double = 1) -> Date {
        CalendarDay(containing: fixture.clock.now).adding(days: offset).start.addingTimeInterval(hour * 3_600)
    }

    func payment(_ user: UserID, credits: Int64, at: Date) -> BusinessEvent {
        .payment(
            PaymentMovement(userID: user, credits: Credits(credits), packCredits: Credits(50), packCents: 4_900, at: at)
        )
    }

    @Test func countsEachDaysSignupsActivityRevenueSpendAndMargin() throws {
        let root = try admin()
        let (ada, bob, cy) = (UserID("a"), UserID("b"), UserID("c"))
        history.register(ada, email: try #require(EmailAddress("ada@example.com")))
        history.record(.signup(ada, at: day(-1)))
        history.record(.signup(cy, at: day(-1)))  // signs up, does nothing: not active
        history.record(.personaCreated(by: ada, at: day(-1)))
        history.record(.personaCreated(by: ada, at: day(-1, hour: 2)))
        history.record(.sessionStarted(by: bob, at: day(-1)))
        history.record(payment(ada, credits: 50, at: day(-1)))
        history.record(usageEvent(ada, cost: 2_000_000, at: day(-1)))
        history.record(usageEvent(bob, cost: 500_000, at: day(0)))
        history.record(payment(ada, credits: -25, at: day(0)))  // a half refund the next day
        history.record(.signup(bob, at: day(-2)))  // before the range

        let report = try analytics.report(by: root, days: "2")

        let (yesterday, today) = (report.days[0].figures, report.days[1].figures)
        #expect(report.days.map(\.day) == [CalendarDay(containing: day(-1)), CalendarDay(containing: day(0))])
        #expect(yesterday.signups == 2 && yesterday.personas == 2 && yesterday.sessions == 1)
        #expect(yesterday.activeUsers == 2 && today.activeUsers == 1)
        #expect(yesterday.revenueCents == 4_900 && today.revenueCents == -2_450)
        #expect(yesterday.llmSpend == MicroUSD(2_000_000) && yesterday.margin.dollars == "47.000000")
        #expect(today.margin.dollars == "-25.000000")
        #expect(report.totals.activeUsers == 2 && report.totals.signups == 2 && report.totals.revenueCents == 2_450)
        #expect(report.totals.margin == MicroUSD(24_500_000 - 2_500_000))
        #expect(report.topUsers.map(\.user) == [ada, bob])
        #expect(report.topUsers[0].email?.value == "ada@example.com" && report.topUsers[1].email == nil)
        #expect(report.topUsers[0].revenueCents == 2_450 && report.topUsers[0].calls == 1)
        let entry = try #require(fixture.audit.all.last)
        #expect(entry.action == .viewAnalytics && entry.details["to"] == CalendarDay(containing: day(0)).description)
    }

    @Test func topUsersAreTheTenBiggestSpenders() throws {
        for index in 0..<12 {
            history.record(usageEvent(UserID("u\(index)"), cost: Int64(index + 1) * 100, at: day(0)))
        }
        let top = try analytics.report(by: try admin(), days: nil).topUsers
        #expect(top.map(\.user.rawValue) == (2..<12).reversed().map { "u\($0)" })
    }

    @Test func daysIsOneTo366AndThirtyByDefault() throws {
        let root = try admin()
        #expect(try analytics.report(by: root, days: nil).days.count == 30)
        #expect(try analytics.report(by: root, days: "366").days.count == 366)
        for bad in ["0", "367", "-1", "abc", "1.5", ""] {
            let error = #expect(throws: DomainError.self) { try analytics.report(by: root, days: bad) }
            #expect(error?.field == "days")
        }
        let refused = #expect(throws: DomainError.self) {
            try analytics.report(by: try fixture.signedInUser().user, days: nil)
        }
        #expect(refused?.code == .forbidden)
    }

    @Test(arguments: [
        (Int64(50), Int64(50), Int64(4_900), Int64(4_900)), (-25, 50, 4_900, -2_450), (-50, 50, 4_900, -4_900),
        (-1, 3, 100, -33), (-2, 3, 100, -67), (1, 2, 1, 1), (5, 0, 100, 0),
    ])
    func aPaymentIsWorthItsShareOfThePacksPrice(credits: Int64, packCredits: Int64, packCents: Int64, cents: Int64) {
        let movement = PaymentMovement(
            userID: UserID("a"), credits: Credits(credits), packCredits: Credits(packCredits), packCents: packCents,
            at: Date())
        #expect(movement.cents == cents)
    }

    @Test func stripeLedgerKeysNameTheirSessionOrPayment() throws {
        let session = try #require(CheckoutSessionID("cs_test_123"))
        let payment = try #require(PaymentReference("pi_123"))
        #expect(PaymentMovement.Source(.checkoutGrant(session)) == .grant(session))
        #expect(PaymentMovement.Source(.refundClawback(payment: payment, step: 3)) == .clawback(payment))
        #expect(PaymentMovement.Source(IdempotencyKey(scope: "admin", unique: UUID())) == nil)
        #expect(PaymentMovement.Source(try #require(IdempotencyKey("stripe:refund:"))) == nil)
    }
}
