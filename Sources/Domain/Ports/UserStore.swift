/// Accounts. Implementations are thread-safe and synchronous (they wrap blocking C on OS threads).
public protocol UserStore: Sendable {
    /// Creates the user and, in the same atomic write, its opening trial grant in the ledger
    /// (idempotency key `IdempotencyKey.trialGrant(for:)`). Throws `.conflict` if the e-mail is taken.
    func insert(_ user: NewUser) throws -> User
    func user(id: UserID) throws -> User?
    func user(email: EmailAddress) throws -> User?
    /// Replaces the hash and bumps `tokenVersion`, so every older token stops working.
    func changePassword(of id: UserID, to hash: PasswordHash) throws -> User
    /// Bumps `tokenVersion` ("log out everywhere").
    func revokeTokens(of id: UserID) throws -> User
    func setRole(_ role: UserRole, of id: UserID) throws -> User
    /// Sets `disabled`; disabling also bumps `tokenVersion` in the same write, so every token stops working.
    func setDisabled(_ disabled: Bool, of id: UserID) throws -> User
    /// Users whose e-mail contains `emailContaining` (case-insensitive; nil or empty: all), newest first.
    func users(emailContaining: String?, page: PageRequest) throws -> Page<User>
}
