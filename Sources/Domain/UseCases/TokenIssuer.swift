public import Foundation

/// Issues bearer tokens bound to a user's current token version.
public struct TokenIssuer: Sendable {
    private let signer: any TokenSigner
    private let clock: any Clock
    private let lifetime: TimeInterval

    public init(signer: any TokenSigner, clock: any Clock, lifetime: TimeInterval) {
        self.signer = signer
        self.clock = clock
        self.lifetime = lifetime
    }

    public func issue(for user: User) throws -> IssuedToken {
        let now = clock.now
        let expiresAt = now.addingTimeInterval(lifetime)
        let claims = AccessClaims(
            subject: user.id, tokenVersion: user.tokenVersion, issuedAt: now, notBefore: now, expiresAt: expiresAt)
        return IssuedToken(token: try signer.sign(claims), expiresAt: expiresAt)
    }
}

/// A signed-in user with a fresh token: what sign-in and password change hand back.
public struct SignedIn: Sendable, Equatable {
    public let user: User
    public let token: IssuedToken

    public init(user: User, token: IssuedToken) {
        self.user = user
        self.token = token
    }
}
