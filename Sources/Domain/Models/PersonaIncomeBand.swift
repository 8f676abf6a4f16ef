/// Household income relative to the persona's market, coarse on purpose (sampling plans balance on it).
public enum PersonaIncomeBand: String, Sendable, CaseIterable {
    case low
    case lowerMiddle = "lower_middle"
    case middle
    case upperMiddle = "upper_middle"
    case high
}
