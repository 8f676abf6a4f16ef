import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct UserAdministrationTests {
    let fixture = AccountsFixture()
    let personas = InMemoryPersonas()
    let usage = RecordingUsageEvents()
    var sessionCounts = FixedSessionCounts()

    var administration: UserAdministration {
        let quotas = InMemoryQuotas(usage: usage)
        return UserAdministration(
            users: fixture.accounts, audit: fixture.audit,
            spending: SpendingQuota(quotas: quotas, settings: fixture.settings, clock: fixture.clock),
            personas: personas, flags: nil, sessions: sessionCounts, usageEvents: usage, clock: fixture.clock)
    }

    func admin() throws -> User {
        try fixture.accounts.setRole(.admin, of: try fixture.signedInUser("root@example.com").user.id)
    }

    @Test func disablingRevokesEveryTokenAndRefusesSignIn() throws {
        let root = try admin()
        let ada = try fixture.signedInUser()
        let disabled = try administration.update(by: root, of: ada.user.id, .init(disabled: true))
        #expect(disabled.disabled && disabled.tokenVersion == ada.user.tokenVersion + 1)
        #expect(throws: DomainError.self) { try fixture.authenticate(bearerToken: ada.token.token) }
        let refused = #expect(throws: DomainError.self) {
            try fixture.logIn(email: "ada@example.com", password: "correct horse", remoteAddress: "10.0.0.1")
        }
        #expect(refused?.message == "Invalid email or password.")

        _ = try administration.update(by: root, of: ada.user.id, .init(disabled: false))
        let again = try fixture.logIn(email: "ada@example.com", password: "correct horse", remoteAddress: "10.0.0.1")
        #expect(try fixture.authenticate(bearerToken: again.token.token).id == ada.user.id)
        #expect(fixture.audit.all.map(\.action) == [.disableUser, .enableUser])
    }

    @Test func anAdministratorCannotDemoteOrDisableThemself() throws {
        let root = try admin()
        for change in [UserAdministration.Change(role: .user), .init(disabled: true)] {
            let error = #expect(throws: DomainError.self) { try administration.update(by: root, of: root.id, change) }
            #expect(error?.code == .conflict)
        }
        #expect(try fixture.accounts.user(id: root.id)?.role == .admin)
        #expect(fixture.audit.all.isEmpty)
    }

    @Test func everyCallRefusesANonAdministrator() throws {
        let ada = try fixture.signedInUser().user
        let page = try #require(PageRequest())
        #expect(throws: DomainError.self) { try administration.search(by: ada, emailContaining: nil, page: page) }
        #expect(throws: DomainError.self) { try administration.detail(by: ada, of: ada.id) }
        #expect(throws: DomainError.self) { try administration.update(by: ada, of: ada.id, .init(role: .admin)) }
        #expect(throws: DomainError.self) { try administration.auditLog(by: ada, about: nil, page: page) }
        #expect(try fixture.accounts.user(id: ada.id)?.role == .user)
    }

    @Test func searchIsCaseInsensitiveAndNewestFirst() throws {
        let root = try admin()
        for name in ["ada", "bob", "Adele"] {
            fixture.clock.advance(by: 60)
            _ = try fixture.register(email: "\(name)@example.com", password: "long enough")
        }
        let page = try #require(PageRequest(page: 1, perPage: 1))
        let found = try administration.search(by: root, emailContaining: "AD", page: page)
        #expect(found.total == 2 && found.items.map(\.email.value) == ["adele@example.com"])
        #expect(throws: DomainError.invalid("q", "q must be at most 254 characters.")) {
            try administration.search(by: root, emailContaining: String(repeating: "a", count: 255), page: page)
        }
    }

    @Test func viewsRoleChangesAndCreditAdjustmentsAreAudited() throws {
        let root = try admin()
        let ada = try fixture.signedInUser().user
        let detail = try administration.detail(by: root, of: ada.id)
        #expect(detail.user.id == ada.id && detail.personas == 0 && detail.disputed == nil)
        _ = try administration.update(by: root, of: ada.id, .init(role: .admin))
        _ = try fixture.adjustCredits(
            by: root, for: ada.id, amount: 5, reason: "goodwill",
            idempotencyKey: IdempotencyKey(scope: "t", unique: UUID()))
        let log = try administration.auditLog(by: root, about: ada.id, page: try #require(PageRequest()))
        #expect(log.items.map(\.action) == [.adjustCredits, .changeRole, .viewUser])
        #expect(log.items.allSatisfy { $0.adminID == root.id && $0.targetUserID == ada.id })
        #expect(log.items[0].details["reason"] == "goodwill" && log.items[0].details["amount"] == "5")
        #expect(log.items[1].details == ["from": "user", "to": "admin"])
    }
}

extension UserAdministrationTests {
    @Test func detailCountsSessionsAndTheLast30DaysOfUsage() throws {
        let root = try admin()
        let ada = try fixture.signedInUser().user
        var tests = self
        tests.sessionCounts = FixedSessionCounts([ada.id: 3])
        let now = fixture.clock.now
        for (age, cost) in [(TimeInterval(60), Int64(1_250_000)), (29 * 86_400, 10), (31 * 86_400, 999)] {
            try usage.record(
                UsageEvent(
                    userID: ada.id, feature: .summary, objectReference: nil, model: "m", usage: .zero,
                    cost: MicroUSD(cost), replayed: false, createdAt: now.addingTimeInterval(-age)))
        }
        let detail = try tests.administration.detail(by: root, of: ada.id)
        #expect(detail.sessions == 3)
        #expect(detail.recentUsage.calls == 2 && detail.recentUsage.cost == MicroUSD(1_250_010))
    }
}
