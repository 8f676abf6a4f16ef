public import Foundation

/// A ledger movement backed by Stripe money: the grant of a paid Checkout Session (positive credits) or a
/// refund clawback (negative), with the price of the pack it came from.
public struct PaymentMovement: Sendable, Hashable {
    public let userID: UserID
    public let credits: Credits
    public let packCredits: Credits
    public let packCents: Int64
    public let at: Date

    public init(userID: UserID, credits: Credits, packCredits: Credits, packCents: Int64, at: Date) {
        self.userID = userID
        self.credits = credits
        self.packCredits = packCredits
        self.packCents = packCents
        self.at = at
    }

    /// The money the movement stands for, in cents, signed like `credits`: the pack's price for a whole
    /// grant, and the clawed-back share of it for a refund (`credits × price / pack credits`, rounded half
    /// away from zero). Stripe's exact refunded cents are not kept per clawback; the share differs from them
    /// by less than one credit's price, and a full refund always comes to the whole price.
    public var cents: Int64 {
        guard packCredits.isPositive, packCents > 0 else { return 0 }
        let magnitude = min(credits.magnitude.value, packCredits.value)
        let (high, low) = magnitude.multipliedFullWidth(by: packCents)
        let (quotient, remainder) = packCredits.value.dividingFullWidth((high, low))
        let rounded = remainder >= packCredits.value - remainder ? quotient + 1 : quotient
        return credits.value < 0 ? -rounded : rounded
    }
}

extension PaymentMovement {
    /// What a Stripe ledger entry's idempotency key names (see `IdempotencyKey+Billing`): the Checkout
    /// Session a grant paid for, or the payment a clawback refunds. Nil for every other key.
    public enum Source: Sendable, Hashable {
        case grant(CheckoutSessionID)
        case clawback(PaymentReference)

        public init?(_ key: IdempotencyKey) {
            let text = Substring(key.value)
            if text.hasPrefix(Self.grantPrefix) {
                guard let session = CheckoutSessionID(String(text.dropFirst(Self.grantPrefix.count))) else {
                    return nil
                }
                self = .grant(session)
            } else if text.hasPrefix(Self.clawbackPrefix) {
                let rest = text.dropFirst(Self.clawbackPrefix.count)
                guard let colon = rest.lastIndex(of: ":"), let payment = PaymentReference(String(rest[..<colon])) else {
                    return nil
                }
                self = .clawback(payment)
            } else {
                return nil
            }
        }

        private static let grantPrefix = "stripe:checkout:"
        private static let clawbackPrefix = "stripe:refund:"
    }
}
