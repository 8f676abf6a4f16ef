/// How a persona describes their gender. `unspecified` when the brief or the data does not say.
public enum PersonaGender: String, Sendable, CaseIterable {
    case female
    case male
    case nonBinary = "non_binary"
    case unspecified
}
