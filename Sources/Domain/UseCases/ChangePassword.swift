/// Replaces a signed-in user's password after checking the current one; every older token stops working
/// and the caller gets a fresh one.
public struct ChangePassword: Sendable {
    private let users: any UserStore
    private let hasher: any PasswordHasher
    private let tokens: TokenIssuer

    public init(users: any UserStore, hasher: any PasswordHasher, tokens: TokenIssuer) {
        self.users = users
        self.hasher = hasher
        self.tokens = tokens
    }

    public func callAsFunction(for user: User, currentPassword: String, newPassword: String) throws -> SignedIn {
        guard hasher.verify(Password(currentPassword), against: user.passwordHash) else {
            throw DomainError.invalid("current_password", "Current password is incorrect.")
        }
        let replacement = Password(newPassword)
        if let weakness = replacement.weaknessMessage { throw DomainError.invalid("new_password", weakness) }
        guard newPassword != currentPassword else {
            throw DomainError.invalid("new_password", "New password must differ from the current one.")
        }
        let updated = try users.changePassword(of: user.id, to: try hasher.hash(replacement))
        return SignedIn(user: updated, token: try tokens.issue(for: updated))
    }
}
