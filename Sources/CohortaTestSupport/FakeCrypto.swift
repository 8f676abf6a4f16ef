public import Domain
public import Foundation

/// A fast, transparent stand-in for bcrypt: tests exercise the rules, not the cost.
public struct FakePasswordHasher: PasswordHasher {
    public init() {}
    public func hash(_ password: Password) throws -> PasswordHash { PasswordHash("fake$" + password.value) }
    public func verify(_ password: Password, against hash: PasswordHash) -> Bool {
        hash.value == "fake$" + password.value
    }
}

/// Tokens as readable `sub|ver|nbf|exp` strings; verification applies the same time rules as the JWT signer.
public struct FakeTokenSigner: TokenSigner {
    public init() {}

    public func sign(_ claims: AccessClaims) throws -> String {
        let times = [claims.issuedAt, claims.notBefore, claims.expiresAt].map { String(Int($0.timeIntervalSince1970)) }
        return ([claims.subject.rawValue, String(claims.tokenVersion)] + times).joined(separator: "|")
    }

    public func verify(_ token: String, at now: Date) throws -> AccessClaims {
        let parts = token.split(separator: "|").map(String.init)
        guard parts.count == 5, let version = Int64(parts[1]),
            let iat = TimeInterval(parts[2]), let nbf = TimeInterval(parts[3]), let exp = TimeInterval(parts[4])
        else { throw DomainError.unauthenticated(detail: "malformed") }
        let claims = AccessClaims(
            subject: UserID(parts[0]), tokenVersion: version, issuedAt: Date(timeIntervalSince1970: iat),
            notBefore: Date(timeIntervalSince1970: nbf), expiresAt: Date(timeIntervalSince1970: exp))
        guard now < claims.expiresAt, now >= claims.notBefore else { throw DomainError.unauthenticated(detail: "time") }
        return claims
    }
}

public struct StaticSettings: SettingsStore {
    public let settings: AppSettings
    public init(_ settings: AppSettings = .defaults) { self.settings = settings }
    public func appSettings() throws -> AppSettings { settings }
}
