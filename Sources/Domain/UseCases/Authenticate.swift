/// Turns a bearer token into the user it belongs to, refusing tokens revoked by a password change
/// or "log out everywhere" (their token version is behind the user's).
public struct Authenticate: Sendable {
    private let signer: any TokenSigner
    private let users: any UserStore
    private let clock: any Clock

    public init(signer: any TokenSigner, users: any UserStore, clock: any Clock) {
        self.signer = signer
        self.users = users
        self.clock = clock
    }

    public func callAsFunction(bearerToken: String?) throws -> User {
        guard let bearerToken, !bearerToken.isEmpty else { throw DomainError.unauthenticated(detail: "no token") }
        return try user(for: signer.verify(bearerToken, at: clock.now))
    }

    /// The user behind claims already verified (signature and lifetime): refused when gone, disabled, or
    /// when the token's version is behind the user's.
    public func user(for claims: AccessClaims) throws -> User {
        guard let user = try users.user(id: claims.subject) else {
            throw DomainError.unauthenticated(detail: "user gone")
        }
        guard user.tokenVersion == claims.tokenVersion else {
            throw DomainError.unauthenticated(detail: "token revoked")
        }
        guard !user.disabled else { throw DomainError.unauthenticated(detail: "account disabled") }
        return user
    }
}
