public import Foundation

/// What every session writer draws on besides the streamed messages: the session as stored now (name,
/// focus group, dates, participants, report, polls) and when it was exported.
public struct SessionExportDocument: Sendable {
    public let session: FocusGroupSession
    public let exportedAt: Date
    public let polls: [ExportPoll]

    public init(session: FocusGroupSession, exportedAt: Date) {
        self.session = session
        self.exportedAt = exportedAt
        polls = session.polls.map { ExportPoll($0, participants: session.snapshot) }
    }

    public var name: String { session.snapshot.name }

    /// True while the session still runs (or is paused): the file holds what was stored so far.
    public var isIncomplete: Bool { !session.status.isEnded }

    public var incompleteNote: String {
        "This session was still \(session.status.rawValue) when exported; the file holds what was stored so far."
    }

    /// Messages written so far (seqs are 1, 2, … without gaps), for progress.
    public var expectedMessages: Int { max(0, session.state.nextSeq - 1) }

    public var dates: [(label: String, date: Date)] {
        [("Created", session.createdAt), ("Finished", session.finishedAt)].compactMap { entry in
            entry.1.map { (entry.0, $0) }
        }
    }

    public func participantName(_ id: PersonaID) -> String { session.snapshot.participant(id)?.name ?? id.rawValue }

    /// "moderator", "participant" or "human".
    public static func speakerKind(_ speaker: Speaker) -> String {
        switch speaker {
        case .moderator: "moderator"
        case .participant: "participant"
        case .human: "human"
        }
    }

    public static func personaID(_ speaker: Speaker) -> String {
        if case .participant(let id) = speaker { return id.rawValue }
        return ""
    }
}
