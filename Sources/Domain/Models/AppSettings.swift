/// Operator-tunable prices, grants, packs and the default quota, stored in `app_settings` and cached for
/// about a minute.
public struct AppSettings: Sendable, Equatable {
    public var trialCredits: Credits
    public var personaCreationCost: Credits
    public var focusGroupRunCost: Credits
    /// The credit packs sold through Stripe Checkout, in display order.
    public var creditPacks: [CreditPack]
    /// Each user's monthly LLM spend limit (UTC calendar month) unless they have an override.
    public var monthlyUSDQuota: MicroUSD

    public init(
        trialCredits: Credits, personaCreationCost: Credits, focusGroupRunCost: Credits,
        creditPacks: [CreditPack] = CreditPack.defaults, monthlyUSDQuota: MicroUSD = AppSettings.defaultMonthlyQuota
    ) {
        self.trialCredits = trialCredits
        self.personaCreationCost = personaCreationCost
        self.focusGroupRunCost = focusGroupRunCost
        self.creditPacks = creditPacks
        self.monthlyUSDQuota = monthlyUSDQuota
    }

    /// $50 a month: a safety net well above what the credits a user can buy make them spend.
    public static let defaultMonthlyQuota = MicroUSD(50_000_000)

    /// The product's published defaults (PRODUCT.md), used until an admin changes them.
    public static let defaults = AppSettings(
        trialCredits: Credits(50), personaCreationCost: Credits(2), focusGroupRunCost: Credits(40))

    /// The packs a user may buy, in display order.
    public var packsOnSale: [CreditPack] { creditPacks.filter(\.active) }
}
