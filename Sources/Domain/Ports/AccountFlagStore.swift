public import Foundation

/// `account_flags`: marks on an account an administrator must see (a payment dispute).
public protocol AccountFlagStore: Sendable {
    /// Flags the user as disputed, remembering the dispute id. Idempotent per dispute.
    func flagDisputed(_ user: UserID, dispute: String, at: Date) throws
    func isDisputed(_ user: UserID) throws -> Bool
}
