/// How a focus group's discussion runs. Every field has a default, so a group can be created without any.
public struct FocusGroupSettings: Sendable, Hashable {
    public var turnTaking: TurnTakingMode
    /// Turns (moderator and participants together) after which the moderator wraps up.
    public var maxTurns: Int
    /// What one run may spend on LLM calls; reaching it ends the run with a partial report.
    public var usdCap: MicroUSD
    public var moderatorTier: LLMTier
    public var personaTier: LLMTier

    public static let maxTurnsRange = 6...200
    public static let usdCapRange = MicroUSD(100_000)...MicroUSD(100_000_000)
    public static let standard = FocusGroupSettings(
        turnTaking: .moderatorDirected, maxTurns: 60, usdCap: MicroUSD(2_000_000), moderatorTier: .main,
        personaTier: .main)

    public init(
        turnTaking: TurnTakingMode, maxTurns: Int, usdCap: MicroUSD, moderatorTier: LLMTier, personaTier: LLMTier
    ) {
        self.turnTaking = turnTaking
        self.maxTurns = maxTurns
        self.usdCap = usdCap
        self.moderatorTier = moderatorTier
        self.personaTier = personaTier
    }

    /// Throws a field error (`settings.max_turns`, `settings.usd_cap`) for a value out of range.
    public func validated() throws -> FocusGroupSettings {
        guard Self.maxTurnsRange.contains(maxTurns) else {
            throw DomainError.invalid(
                "settings.max_turns",
                "settings.max_turns must be between \(Self.maxTurnsRange.lowerBound) and \(Self.maxTurnsRange.upperBound)."
            )
        }
        guard Self.usdCapRange.contains(usdCap) else {
            throw DomainError.invalid("settings.usd_cap", "settings.usd_cap must be between 0.10 and 100.00 USD.")
        }
        return self
    }
}
