public import Foundation

/// A researcher's control of a running session, written by the API (or the WebSocket process) and
/// carried out by the runner between turns, in the order given. Resuming a paused session is not a command:
/// no runner holds it, so `SessionLaunch.resume` queues a new run task.
public struct SessionCommand: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case pause
        case cancel
        /// Says something to the group while the AI moderates (`text`, optional `personaID` to answer).
        case interject
        /// Asks `personaID` to answer next.
        case mention
        case takeOver = "take_over"
        case handBack = "hand_back"
        /// The researcher's message as moderator after taking over (`text`, optional `personaID`).
        case say
    }

    public let id: String
    public let sessionID: SessionID
    public let kind: Kind
    public let text: String?
    public let personaID: PersonaID?
    public let createdAt: Date

    public init(id: String, sessionID: SessionID, kind: Kind, text: String?, personaID: PersonaID?, createdAt: Date) {
        self.id = id
        self.sessionID = sessionID
        self.kind = kind
        self.text = text
        self.personaID = personaID
        self.createdAt = createdAt
    }
}
