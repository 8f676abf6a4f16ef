public import Foundation

/// What a bearer token asserts. Issuer and audience are pinned by the signer, not carried here.
public struct AccessClaims: Sendable, Equatable {
    public let subject: UserID
    public let tokenVersion: Int64
    public let issuedAt: Date
    public let notBefore: Date
    public let expiresAt: Date

    public init(subject: UserID, tokenVersion: Int64, issuedAt: Date, notBefore: Date, expiresAt: Date) {
        self.subject = subject
        self.tokenVersion = tokenVersion
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
    }
}

/// A signed token and when it stops working.
public struct IssuedToken: Sendable, Equatable {
    public let token: String
    public let expiresAt: Date

    public init(token: String, expiresAt: Date) {
        self.token = token
        self.expiresAt = expiresAt
    }
}
