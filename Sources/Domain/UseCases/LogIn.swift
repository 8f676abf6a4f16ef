/// Signs a user in by e-mail and password, throttling repeated failures per account and per address.
/// An unknown address and a wrong password fail identically, in the same time.
public struct LogIn: Sendable {
    private let users: any UserStore
    private let hasher: any PasswordHasher
    private let attempts: any LoginAttemptStore
    private let tokens: TokenIssuer
    private let clock: any Clock
    private let policy: LoginThrottlePolicy
    /// A real hash of a random secret, verified when the address is unknown so both paths cost one bcrypt.
    private let decoyHash: PasswordHash

    public init(
        users: any UserStore, hasher: any PasswordHasher, attempts: any LoginAttemptStore, tokens: TokenIssuer,
        clock: any Clock, policy: LoginThrottlePolicy, decoyHash: PasswordHash
    ) {
        self.users = users
        self.hasher = hasher
        self.attempts = attempts
        self.tokens = tokens
        self.clock = clock
        self.policy = policy
        self.decoyHash = decoyHash
    }

    public func callAsFunction(email rawEmail: String, password rawPassword: String, remoteAddress: String) throws
        -> SignedIn
    {
        let now = clock.now
        let normalisedEmail = EmailAddress(rawEmail)?.value ?? rawEmail.lowercased()
        let subjects = policy.subjects(email: normalisedEmail, remoteAddress: remoteAddress)
        let windowStart = policy.windowStart(containing: now)
        for subject in subjects where try attempts.failures(for: subject.key, windowStart: windowStart) >= subject.limit
        {
            throw DomainError(
                .rateLimited, "Too many failed sign-in attempts. Try again later.",
                retryAfterSeconds: policy.retryAfterSeconds(at: now), detail: "throttled \(subject.key.prefix(3))")
        }
        let password = Password(rawPassword)
        let user = try EmailAddress(rawEmail).flatMap { try users.user(email: $0) }
        let verified = hasher.verify(password, against: user?.passwordHash ?? decoyHash)
        guard let user, verified, !user.disabled else {
            let expiresAt = policy.windowEnd(containing: now)
            for subject in subjects {
                _ = try attempts.recordFailure(for: subject.key, windowStart: windowStart, expiresAt: expiresAt)
            }
            throw DomainError(.unauthenticated, "Invalid email or password.", detail: "login failed")
        }
        try attempts.clear(subjects[0].key)
        return SignedIn(user: user, token: try tokens.issue(for: user))
    }
}
