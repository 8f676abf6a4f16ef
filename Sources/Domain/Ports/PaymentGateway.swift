/// What Cohorta asks of a payment provider (Stripe Checkout). Blocking: call it on an OS thread.
public protocol PaymentGateway: Sendable {
    /// Creates a hosted checkout page for one pack. Retries transient failures itself with the same
    /// idempotency key. Throws `DomainError.unavailable` when the provider cannot be reached or refuses.
    func createCheckoutSession(_ request: CheckoutSessionRequest) throws -> CreatedCheckoutSession
}

public struct CheckoutSessionRequest: Sendable, Equatable {
    public let userID: UserID
    public let pack: CreditPack
    /// Where the provider sends the buyer afterwards; `{CHECKOUT_SESSION_ID}` is filled in by Stripe.
    public let successURL: String
    public let cancelURL: String
    /// Sent as `Idempotency-Key`: a retry of the same request never creates a second session.
    public let idempotencyKey: String

    public init(userID: UserID, pack: CreditPack, successURL: String, cancelURL: String, idempotencyKey: String) {
        self.userID = userID
        self.pack = pack
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.idempotencyKey = idempotencyKey
    }
}

public struct CreatedCheckoutSession: Sendable, Equatable {
    public let id: CheckoutSessionID
    /// The hosted page to redirect the buyer to.
    public let url: String

    public init(id: CheckoutSessionID, url: String) {
        self.id = id
        self.url = url
    }
}
