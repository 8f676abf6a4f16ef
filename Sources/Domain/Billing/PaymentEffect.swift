/// What processing one webhook event did, for the route's one log line and for tests.
public enum PaymentEffect: Sendable, Equatable {
    /// Credits granted now for a paid session.
    case granted(CheckoutSessionID, UserID, Credits)
    /// The session's grant already existed (a replay, a duplicate, a second success event).
    case alreadyGranted(CheckoutSessionID)
    /// The session's status moved (unpaid, expired, failed).
    case statusChanged(CheckoutSessionID, CheckoutStatus)
    /// Nothing to do: the session is already further along.
    case unchanged(CheckoutSessionID)
    /// Credits taken back now for a refund; `total` is everything taken back for the payment so far.
    case clawedBack(UserID, Credits, total: Credits)
    /// The refund's clawback was already complete.
    case alreadyClawedBack(UserID, total: Credits)
    case flaggedDisputed(UserID, dispute: String)
    /// A type Cohorta ignores.
    case ignored(type: String)
    /// Signed and well formed, but not applicable (unknown pack, amount or currency mismatch, unknown user):
    /// nothing applied. Needs a human; the event is acknowledged so Stripe stops retrying.
    case needsReview(reason: String)
}

/// The answer of the webhook use case.
public enum WebhookOutcome: Sendable, Equatable {
    case processed(PaymentEvent, PaymentEffect)
    /// The event id was already fully processed: nothing done again.
    case duplicate(PaymentEvent)
}
