public import Foundation

/// What a running session is doing between two stored messages: the turn being drafted as the model
/// streams it, or the poll being asked. Ephemeral: the runner overwrites one record per session
/// (`session_live`), and cohorta-ws turns each change into `turn.delta` or `poll.opened`. Losing one
/// loses nothing durable: the message, or the poll result, is stored with the session.
public struct LiveActivity: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `speaker` is drafting the message that will be stored as `seq`; `draft` is its text so far.
        case speaking(seq: Int, speaker: Speaker, speakerName: String, draft: String)
        /// Every participant is answering `poll` (of guide section `section`) in private.
        case polling(section: Int, poll: GuidePoll)
        /// Nothing in flight (between steps, waiting for the researcher, or stopped).
        case idle
    }

    public let sessionID: SessionID
    public let kind: Kind
    public let updatedAt: Date

    public init(sessionID: SessionID, kind: Kind, updatedAt: Date) {
        self.sessionID = sessionID
        self.kind = kind
        self.updatedAt = updatedAt
    }
}
