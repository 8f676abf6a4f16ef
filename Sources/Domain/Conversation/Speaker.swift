/// Who said something in a session.
public enum Speaker: Sendable, Hashable {
    /// The AI moderator.
    case moderator
    case participant(PersonaID)
    /// The researcher, interjecting or moderating after taking over.
    case human
}

extension Speaker {
    /// The stored form: "moderator", "human", or "persona:<id>".
    public var storedValue: String {
        switch self {
        case .moderator: "moderator"
        case .human: "human"
        case .participant(let id): "persona:\(id.rawValue)"
        }
    }

    public init?(storedValue: String) {
        switch storedValue {
        case "moderator": self = .moderator
        case "human": self = .human
        default:
            guard storedValue.hasPrefix("persona:"), storedValue.count > 8 else { return nil }
            self = .participant(PersonaID(String(storedValue.dropFirst(8))))
        }
    }

    public var participantID: PersonaID? {
        if case .participant(let id) = self { return id }
        return nil
    }
}
