/// A pack of credits sold through Stripe Checkout, as configured in `app_settings`.
public struct CreditPack: Sendable, Hashable {
    /// Stable id used by the API and in Stripe metadata: "starter", "pro", "scale".
    public let id: String
    public let name: String
    /// The price in US cents (exact).
    public let priceCents: Int64
    public let credits: Credits
    /// Only active packs are sold (listed and accepted at checkout); an inactive one keeps its id for history.
    public let active: Bool

    public init(id: String, name: String, priceCents: Int64, credits: Credits, active: Bool = true) {
        self.id = id
        self.name = name
        self.priceCents = priceCents
        self.credits = credits
        self.active = active
    }

    /// PRODUCT.md's packs: Starter $49 → 50 cr, Pro $199 → 220 cr, Scale $499 → 600 cr.
    public static let defaults = [
        CreditPack(id: "starter", name: "Starter", priceCents: 4_900, credits: Credits(50)),
        CreditPack(id: "pro", name: "Pro", priceCents: 19_900, credits: Credits(220)),
        CreditPack(id: "scale", name: "Scale", priceCents: 49_900, credits: Credits(600)),
    ]
}
