/// Operator-tunable prices and grants, stored in `app_settings` and cached for about a minute.
public struct AppSettings: Sendable, Equatable, Codable {
    public var trialCredits: Credits
    public var personaCreationCost: Credits
    public var focusGroupRunCost: Credits

    public init(trialCredits: Credits, personaCreationCost: Credits, focusGroupRunCost: Credits) {
        self.trialCredits = trialCredits
        self.personaCreationCost = personaCreationCost
        self.focusGroupRunCost = focusGroupRunCost
    }

    /// The product's published defaults (PRODUCT.md), used until an admin changes them.
    public static let defaults = AppSettings(
        trialCredits: Credits(50), personaCreationCost: Credits(2), focusGroupRunCost: Credits(40))

    enum CodingKeys: String, CodingKey {
        case trialCredits = "trial_credits"
        case personaCreationCost = "persona_creation_cost"
        case focusGroupRunCost = "focus_group_run_cost"
    }
}
