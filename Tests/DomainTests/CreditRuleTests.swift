import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct CreditRuleTests {
    let fixture = AccountsFixture()

    private func admin() throws -> User {
        _ = try fixture.createAdmin(email: "root@example.com", password: "long enough")
        let email = try #require(EmailAddress("root@example.com"))
        return try #require(try fixture.accounts.user(email: email))
    }

    private func key(_ raw: String) throws -> IdempotencyKey { try #require(IdempotencyKey(raw)) }

    @Test func adminDebitFailsWhenBalanceWouldGoNegative() throws {
        let target = try fixture.signedInUser().user
        let error = #expect(throws: DomainError.self) {
            try fixture.adjustCredits(
                by: try admin(), for: target.id, amount: -51, reason: "test", idempotencyKey: try key("k1"))
        }
        #expect(error?.code == .insufficientCredits)
        #expect(try fixture.accounts.user(id: target.id)?.creditsBalance == Credits(50))
    }

    @Test func sameIdempotencyKeyAppliesOnce() throws {
        let target = try fixture.signedInUser().user
        let first = try fixture.adjustCredits(
            by: try admin(), for: target.id, amount: -5, reason: "x", idempotencyKey: try key("k2"))
        let second = try fixture.adjustCredits(
            by: try admin(), for: target.id, amount: -5, reason: "x", idempotencyKey: try key("k2"))
        #expect(second == .alreadyApplied(first.entry))
        #expect(try fixture.accounts.user(id: target.id)?.creditsBalance == Credits(45))
    }

    @Test func onlyAdminsAdjustCredits() throws {
        let user = try fixture.signedInUser().user
        let error = #expect(throws: DomainError.self) {
            try fixture.adjustCredits(by: user, for: user.id, amount: 5, reason: "gift", idempotencyKey: try key("k3"))
        }
        #expect(error?.code == .forbidden)
    }

    @Test(arguments: [(Int64(0), "r", "amount"), (2_000_000, "r", "amount"), (5, "   ", "reason")])
    func adjustmentInputIsValidated(amount: Int64, reason: String, field: String) {
        let error = #expect(throws: DomainError.self) {
            try CreditAdjustmentRule.validate(amount: amount, reason: reason)
        }
        #expect(error?.field == field)
    }

    @Test func historyIsNewestFirstAndMatchesTheBalance() throws {
        let target = try fixture.signedInUser().user
        _ = try fixture.adjustCredits(
            by: try admin(), for: target.id, amount: 7, reason: "bonus", idempotencyKey: try key("k4"))
        let statement = try fixture.creditHistory(for: target.id, page: try #require(PageRequest(page: 1, perPage: 10)))
        #expect(statement.entries.items.map(\.kind) == [.adminAdjustment, .trialGrant])
        #expect(statement.balance == Credits(57))
        #expect(statement.entries.total == 2)
    }

    @Test func throttleWindowsAlignSoEveryWorkerAgrees() {
        let policy = LoginThrottlePolicy.standard
        let now = Date(timeIntervalSince1970: 1_800_000_123)
        #expect(policy.windowStart(containing: now).timeIntervalSince1970.truncatingRemainder(dividingBy: 900) == 0)
        #expect(policy.retryAfterSeconds(at: now) <= 900)
    }

    @Test func settingsAreCachedForAboutAMinute() throws {
        final class CountingStore: SettingsStore, @unchecked Sendable {  // read only from this test's thread
            var reads = 0
            func appSettings() throws -> AppSettings {
                reads += 1
                return .defaults
            }
        }
        let store = CountingStore()
        let cached = CachedSettings(store: store, clock: fixture.clock)
        _ = try cached.appSettings()
        _ = try cached.appSettings()
        #expect(store.reads == 1)
        fixture.clock.advance(by: 61)
        _ = try cached.appSettings()
        #expect(store.reads == 2)
    }
}
