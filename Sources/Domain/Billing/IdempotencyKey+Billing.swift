/// The ledger keys of money coming in and going back. They are what makes fulfilment exactly-once:
/// the ledger applies a key at most once, whatever the number of events, replays or concurrent workers.
extension IdempotencyKey {
    /// The grant of a paid Checkout Session: one per session, ever.
    public static func checkoutGrant(_ session: CheckoutSessionID) -> IdempotencyKey {
        IdempotencyKey(unchecked: "stripe:checkout:\(session.rawValue)")
    }

    /// The `step`-th clawback of a refunded payment (0, 1, 2 …). Steps are claimed in order, so two
    /// workers computing the same step race on this one key and only one of them applies it.
    public static func refundClawback(payment: PaymentReference, step: Int) -> IdempotencyKey {
        IdempotencyKey(unchecked: "stripe:refund:\(payment.rawValue):\(step)")
    }
}
