internal import BSON
internal import Domain
internal import Foundation

/// A `users` document as stored (docs/contracts.md).
struct UserDocument: Codable {
    var id: ObjectID
    var email: String
    var passwordHash: PasswordHash
    var role: UserRole
    var creditsBalance: Credits
    var tokenVersion: Int64
    var createdAt: Date
    /// Ledger changes applied to the balance whose entries are not written yet (see `PendingLedger`).
    var pendingLedger: [PendingLedgerItem]?
    /// Absent on accounts written before it existed (false); nx-27017 returns a `$set` true as 1.
    var disabled: StoredFlag?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case email
        case passwordHash = "password_hash"
        case role
        case creditsBalance = "credits_balance"
        case tokenVersion = "token_version"
        case createdAt = "created_at"
        case pendingLedger = "pending_ledger"
        case disabled
    }

    func user() throws -> User {
        guard let address = EmailAddress(email) else {
            throw BSONError(.typeMismatch, "A stored user has an invalid e-mail address.", detail: "user \(id.hex)")
        }
        return User(
            id: UserID(id.hex), email: address, passwordHash: passwordHash, role: role, creditsBalance: creditsBalance,
            tokenVersion: tokenVersion, createdAt: createdAt, disabled: disabled?.value ?? false)
    }
}

extension UserID {
    /// The storage id behind this user id; nil when it cannot be one (so no such user exists).
    var objectID: ObjectID? { ObjectID(hex: rawValue) }
}
