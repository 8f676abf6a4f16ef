import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct AccountUseCaseTests {
    let fixture = AccountsFixture()

    @Test func registrationGrantsTrialCreditsThroughTheLedger() throws {
        guard case .created(let user) = try fixture.register(email: "  Ada@Example.com ", password: "long enough")
        else {
            Issue.record("expected a new account")
            return
        }
        #expect(user.email.value == "ada@example.com")
        #expect(user.creditsBalance == AppSettings.defaults.trialCredits)
        #expect(try fixture.accounts.ledgerSum(of: user.id) == user.creditsBalance)
    }

    @Test func registeringATakenAddressAnswersWithoutRevealingIt() throws {
        _ = try fixture.register(email: "ada@example.com", password: "long enough")
        #expect(try fixture.register(email: "ADA@example.com", password: "different one") == .addressAlreadyRegistered)
    }

    @Test(arguments: ["", "no-at-sign", "a@b", "@example.com", "a b@example.com"])
    func registrationRefusesMalformedAddresses(_ email: String) {
        #expect(throws: DomainError.invalid("email", "Enter a valid e-mail address.")) {
            try fixture.register(email: email, password: "long enough")
        }
    }

    @Test func registrationRefusesShortAndOverlongPasswords() throws {
        #expect(throws: DomainError.self) { try fixture.register(email: "a@example.com", password: "short") }
        #expect(throws: DomainError.self) {
            try fixture.register(email: "a@example.com", password: String(repeating: "é", count: 37))
        }
        // Eight Unicode scalars, as JSON Schema counts, though Swift sees four Characters.
        _ = try fixture.register(email: "b@example.com", password: "\r\n\r\n\r\n\r\n")
    }

    @Test func unknownAddressAndWrongPasswordFailIdentically() throws {
        _ = try fixture.register(email: "ada@example.com", password: "long enough")
        let unknown = #expect(throws: DomainError.self) {
            try fixture.logIn(email: "bob@example.com", password: "long enough", remoteAddress: "10.0.0.1")
        }
        let wrong = #expect(throws: DomainError.self) {
            try fixture.logIn(email: "ada@example.com", password: "wrong password", remoteAddress: "10.0.0.1")
        }
        #expect(unknown?.code == wrong?.code)
        #expect(unknown?.message == wrong?.message)
    }

    @Test func repeatedFailuresThrottleTheAccountUntilTheWindowCloses() throws {
        _ = try fixture.register(email: "ada@example.com", password: "long enough")
        for _ in 0..<LoginThrottlePolicy.standard.maximumFailuresPerAccount {
            _ = try? fixture.logIn(email: "ada@example.com", password: "wrong password", remoteAddress: "10.0.0.2")
        }
        let throttled = #expect(throws: DomainError.self) {
            try fixture.logIn(email: "ada@example.com", password: "long enough", remoteAddress: "10.0.0.3")
        }
        #expect(throttled?.code == .rateLimited)
        #expect((throttled?.retryAfterSeconds ?? 0) > 0)
        fixture.clock.advance(by: LoginThrottlePolicy.standard.window)
        #expect(throws: Never.self) {
            try fixture.logIn(email: "ada@example.com", password: "long enough", remoteAddress: "10.0.0.3")
        }
    }

    @Test func changingThePasswordRevokesOlderTokens() throws {
        let signedIn = try fixture.signedInUser()
        let changed = try fixture.changePassword(
            for: signedIn.user, currentPassword: "correct horse", newPassword: "battery staple")
        #expect(throws: DomainError.self) { try fixture.authenticate(bearerToken: signedIn.token.token) }
        #expect(try fixture.authenticate(bearerToken: changed.token.token).id == signedIn.user.id)
    }

    @Test func changingThePasswordNeedsTheCurrentOne() throws {
        let signedIn = try fixture.signedInUser()
        let error = #expect(throws: DomainError.self) {
            try fixture.changePassword(for: signedIn.user, currentPassword: "guess", newPassword: "battery staple")
        }
        #expect(error?.field == "current_password")
    }

    @Test func logOutEverywhereRevokesEveryToken() throws {
        let signedIn = try fixture.signedInUser()
        _ = try fixture.accounts.revokeTokens(of: signedIn.user.id)
        #expect(throws: DomainError.self) { try fixture.authenticate(bearerToken: signedIn.token.token) }
    }

    @Test func expiredTokensAreRefused() throws {
        let signedIn = try fixture.signedInUser()
        fixture.clock.advance(by: 3601)
        #expect(throws: DomainError.self) { try fixture.authenticate(bearerToken: signedIn.token.token) }
    }

    @Test func createAdminPromotesAnExistingAccount() throws {
        let signedIn = try fixture.signedInUser()
        guard case .promoted(let promoted) = try fixture.createAdmin(email: "ada@example.com", password: "ignored")
        else {
            Issue.record("expected a promotion")
            return
        }
        #expect(promoted.id == signedIn.user.id)
        #expect(try fixture.accounts.user(id: signedIn.user.id)?.role == .admin)
    }
}
