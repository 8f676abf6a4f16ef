public import Domain

/// Every account use case wired to in-memory fakes, for Domain and route tests.
public struct AccountsFixture: Sendable {
    public let clock = MockClock()
    public let accounts = InMemoryAccounts()
    public let attempts = InMemoryLoginAttempts()
    public let hasher = FakePasswordHasher()
    public let signer = FakeTokenSigner()
    public let settings = StaticSettings()
    public let audit = InMemoryAdminAudit()

    public init() {}

    public var tokens: TokenIssuer { TokenIssuer(signer: signer, clock: clock, lifetime: 3600) }
    public var register: RegisterUser {
        RegisterUser(users: accounts, hasher: hasher, settings: settings, clock: clock)
    }
    public var logIn: LogIn {
        LogIn(
            users: accounts, hasher: hasher, attempts: attempts, tokens: tokens, clock: clock, policy: .standard,
            decoyHash: PasswordHash("fake$decoy"))
    }
    public var authenticate: Authenticate { Authenticate(signer: signer, users: accounts, clock: clock) }
    public var changePassword: ChangePassword { ChangePassword(users: accounts, hasher: hasher, tokens: tokens) }
    public var adjustCredits: AdjustCredits {
        AdjustCredits(users: accounts, ledger: accounts, audit: audit, clock: clock)
    }
    public var creditHistory: CreditHistory { CreditHistory(users: accounts, ledger: accounts) }
    public var createAdmin: CreateAdmin { CreateAdmin(users: accounts, register: register) }

    /// Registers and signs in a user, returning the signed-in result.
    public func signedInUser(_ email: String = "ada@example.com", password: String = "correct horse") throws -> SignedIn
    {
        _ = try register(email: email, password: password)
        return try logIn(email: email, password: password, remoteAddress: "127.0.0.1")
    }
}
