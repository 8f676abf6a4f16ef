/// The persona's stance towards the product or topic under study, from keen to opposed.
public enum PersonaAttitude: String, Sendable, CaseIterable {
    case enthusiast
    case pragmatist
    case neutral
    case skeptic
    case resistant
}
