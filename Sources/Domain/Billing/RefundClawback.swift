/// How many credits a refund takes back: `floor(credits × amount_refunded / amount)`, cumulative over
/// every refund of the payment (Stripe's `amount_refunded` is the running total). A partial refund takes
/// back the credits it paid for, rounded in the buyer's favour; a full refund takes back the whole pack.
public enum RefundClawback {
    /// The total credits to have taken back once `refunded` of `amount` cents went back.
    /// Never more than `credits`; zero for a zero or negative amount.
    public static func cumulativeCredits(of credits: Credits, amount: Int64, refunded: Int64) -> Credits {
        guard amount > 0, refunded > 0, credits.isPositive else { return .zero }
        let (high, low) = credits.value.multipliedFullWidth(by: min(refunded, amount))
        let (quotient, _) = amount.dividingFullWidth((high, low))
        return Credits(quotient)
    }
}
