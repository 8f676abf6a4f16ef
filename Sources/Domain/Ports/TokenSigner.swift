public import Foundation

/// Signs and verifies bearer tokens (JWT HS256 with pinned issuer and audience).
public protocol TokenSigner: Sendable {
    func sign(_ claims: AccessClaims) throws -> String
    /// Throws `.unauthenticated` for any malformed, tampered, wrong-algorithm, expired or not-yet-valid token.
    func verify(_ token: String, at now: Date) throws -> AccessClaims
}
