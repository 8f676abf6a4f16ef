public import Foundation

/// The credits ledger (`credit_transactions`) and the balance it explains.
///
/// Contract: every change of a user's balance writes exactly one entry with a unique idempotency key;
/// a negative change succeeds only if the balance covers it; after any crash the balance equals the sum
/// of the user's entries once `reconcile` has run for that user.
public protocol LedgerStore: Sendable {
    /// Applies the change once. A repeat with the same key returns `.alreadyApplied` with the first entry.
    /// Throws `.insufficientCredits` when a debit would take the balance below zero; nothing is written then.
    /// Exception: a change whose kind `mayOverdraw` (a refund clawback) is applied even below zero.
    /// Throws `.notFound` when the user does not exist.
    func apply(_ change: LedgerChange) throws -> LedgerOutcome
    /// Newest first.
    func entries(of user: UserID, page: PageRequest) throws -> Page<LedgerEntry>
    /// The user's entries created in `interval` (start included, end excluded), in no particular order.
    func entries(of user: UserID, in interval: DateInterval) throws -> [LedgerEntry]
    /// Completes or rolls back changes a crash interrupted for this user. Cheap when there are none.
    func reconcile(_ user: UserID) throws
    /// The sum of the user's ledger entries (for audits and tests).
    func ledgerSum(of user: UserID) throws -> Credits
}
