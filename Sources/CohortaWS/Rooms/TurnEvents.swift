import Domain
import Representations

/// `turn.final`, `turn.delta` and `poll.opened`: what stored messages and a run's live activity become.
enum TurnEvents {
    private struct Final: Encodable {
        let message: SessionMessageRepresentation
    }

    private struct Draft: Encodable {
        let speaker: String
        let personaID: String?
        let speakerName: String
        let text: String

        enum CodingKeys: String, CodingKey {
            case speaker, text
            case personaID = "persona_id"
            case speakerName = "speaker_name"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(speaker, forKey: .speaker)
            try container.encode(personaID, forKey: .personaID)
            try container.encode(speakerName, forKey: .speakerName)
            try container.encode(text, forKey: .text)
        }
    }

    private struct PollOpened: Encodable {
        struct Poll: Encodable {
            let id: String
            let kind: String
            let question: String
            let options: [String]
        }

        let section: Int
        let poll: Poll
    }

    static func final(_ message: SessionMessage) -> RoomEvent {
        RoomEvent(
            "turn.final", session: message.sessionID, seq: message.seq, kind: .message,
            body: Final(message: SessionMessageRepresentation(message)))
    }

    /// nil for `.idle` (a client drops its draft at the message, or when the session stops running).
    static func activity(_ activity: LiveActivity, snapshotSeq: Int) -> RoomEvent? {
        switch activity.kind {
        case .speaking(let seq, let speaker, let name, let draft):
            return RoomEvent(
                "turn.delta", session: activity.sessionID, seq: seq, kind: .draft,
                body: Draft(
                    speaker: speaker.storedValue, personaID: speaker.participantID?.rawValue, speakerName: name,
                    text: draft))
        case .polling(let section, let poll):
            return RoomEvent(
                "poll.opened", session: activity.sessionID, seq: snapshotSeq, kind: .snapshot,
                body: PollOpened(
                    section: section,
                    poll: .init(id: poll.id, kind: poll.kind.rawValue, question: poll.question, options: poll.options)))
        case .idle:
            return nil
        }
    }
}
