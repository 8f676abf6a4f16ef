public import Foundation

/// `checkout_sessions`: the packs users started to buy. Every write is conditional, so events in any
/// order and replays never move a session backwards.
public protocol CheckoutStore: Sendable {
    /// Stores `record` unless a record with its id exists; returns what is stored.
    func insertIfAbsent(_ record: CheckoutRecord) throws -> CheckoutRecord
    func checkout(id: CheckoutSessionID) throws -> CheckoutRecord?
    func checkout(paymentIntent: PaymentReference) throws -> CheckoutRecord?
    /// Records `paymentIntent` (when given) whatever the status, so refunds and disputes can find the
    /// session; sets `status` only when the record is not granted and its status is one of `from`.
    /// Returns whether the status changed.
    func transition(
        _ id: CheckoutSessionID, to status: CheckoutStatus, from: Set<CheckoutStatus>, paymentIntent: PaymentReference?,
        at: Date
    ) throws -> Bool
    /// Records that the grant exists: status `paid`, `granted` true. Idempotent.
    func markGranted(_ id: CheckoutSessionID, paymentIntent: PaymentReference?, at: Date) throws
}
