public import Foundation

/// A registered account. `tokenVersion` rises whenever every earlier token must stop working; a disabled
/// account can neither sign in nor authenticate.
public struct User: Sendable, Equatable {
    public let id: UserID
    public var email: EmailAddress
    public var passwordHash: PasswordHash
    public var role: UserRole
    public var creditsBalance: Credits
    public var tokenVersion: Int64
    public let createdAt: Date
    public var disabled: Bool

    public init(
        id: UserID, email: EmailAddress, passwordHash: PasswordHash, role: UserRole,
        creditsBalance: Credits, tokenVersion: Int64, createdAt: Date, disabled: Bool = false
    ) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.creditsBalance = creditsBalance
        self.tokenVersion = tokenVersion
        self.createdAt = createdAt
        self.disabled = disabled
    }
}

/// What registration hands the store: the store creates the user and its opening trial grant together.
public struct NewUser: Sendable {
    public let email: EmailAddress
    public let passwordHash: PasswordHash
    public let role: UserRole
    public let trialCredits: Credits
    public let createdAt: Date

    public init(email: EmailAddress, passwordHash: PasswordHash, role: UserRole, trialCredits: Credits, createdAt: Date)
    {
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.trialCredits = trialCredits
        self.createdAt = createdAt
    }
}
