/// A Stripe PaymentIntent (`pi_…`) or Charge (`ch_…`) id: what refunds and disputes point at.
public struct PaymentReference: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Letters, digits and `_`, 3…128 characters.
    public init?(_ rawValue: String) {
        guard (3...128).contains(rawValue.utf8.count), rawValue.utf8.allSatisfy(CheckoutSessionID.isIDByte) else {
            return nil
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
