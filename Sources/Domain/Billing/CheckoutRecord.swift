public import Foundation

/// One row of `checkout_sessions`: a pack a user started to buy, and whether its credits were granted.
/// `credits` and `amountCents` are the server's figures at creation time: fulfilment trusts them, never
/// the event's metadata.
public struct CheckoutRecord: Sendable, Equatable {
    public let id: CheckoutSessionID
    public let userID: UserID
    public let packID: String
    public let credits: Credits
    public let amountCents: Int64
    public var status: CheckoutStatus
    public var granted: Bool
    public var paymentIntent: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: CheckoutSessionID, userID: UserID, packID: String, credits: Credits, amountCents: Int64,
        status: CheckoutStatus, granted: Bool, paymentIntent: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.packID = packID
        self.credits = credits
        self.amountCents = amountCents
        self.status = status
        self.granted = granted
        self.paymentIntent = paymentIntent
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
