import Domain
import Foundation
import HTTPCore
import Representations

/// The snapshot events a saved session becomes: `session.state`, `moderator.state`, `cost.tick`,
/// `themes.updated` and one `poll.result` per poll. `SessionEvents(session)` remembers what each said, so
/// the next save sends only the ones that changed.
struct SessionEvents: Sendable {
    private struct State: Encodable {
        let status: String
        let control: String
        let taskID: String?
        let endReason: String?
        let failure: String?
        let report: JSONValue

        enum CodingKeys: String, CodingKey {
            case status, control, failure, report
            case taskID = "task_id"
            case endReason = "end_reason"
        }

        /// Every key always present: an absent value is `null` (as in the REST session).
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(control, forKey: .control)
            try container.encode(taskID, forKey: .taskID)
            try container.encode(endReason, forKey: .endReason)
            try container.encode(failure, forKey: .failure)
            try container.encode(report, forKey: .report)
        }
    }

    private struct Moderator: Encodable {
        let control: String
        let progress: FocusGroupSessionRepresentation.Progress
        let participants: [FocusGroupSessionRepresentation.Participant]
    }

    private struct Cost: Encodable {
        let cost: FocusGroupSessionRepresentation.Cost
    }

    private struct Themes: Encodable {
        let themes: JSONValue
    }

    private struct Poll: Encodable {
        let poll: JSONValue
    }

    /// One snapshot event's type and content (the JSON of its own fields, for comparing).
    private struct Slice: Equatable, Sendable {
        let type: String
        let content: String
        let event: RoomEvent

        init(_ type: String, _ session: FocusGroupSession, seq: Int, _ body: some Encodable) {
            self.type = type
            let data = (try? JSONCoding.encoder().encode(body)) ?? Data()
            content = String(decoding: data, as: UTF8.self)
            event = RoomEvent(type, session: session.id, seq: seq, kind: .snapshot, body: body)
        }

        static func == (lhs: Slice, rhs: Slice) -> Bool { lhs.type == rhs.type && lhs.content == rhs.content }
    }

    private let slices: [Slice]
    /// When the session was saved (a newer save replaces an older copy, never the other way round).
    let updatedAt: Date
    /// The seq every snapshot carries: the session's last stored message, or a later one the room already saw.
    let seq: Int

    /// `seenSeq`: the highest message seq the room has already seen. The sessions stream may lag the
    /// messages stream, so a save can arrive after a later message; its events then carry that later seq, and a
    /// room's seqs never go down.
    init(_ session: FocusGroupSession, seenSeq: Int = 0) {
        let view = FocusGroupSessionRepresentation(session)
        let seq = Self.seq(of: session, seenSeq: seenSeq)
        var slices = [
            Slice(
                "session.state", session, seq: seq,
                State(
                    status: view.status, control: view.control, taskID: view.taskID, endReason: view.endReason,
                    failure: view.failure, report: view.report)),
            Slice(
                "moderator.state", session, seq: seq,
                Moderator(control: view.control, progress: view.progress, participants: view.participants)),
            Slice("cost.tick", session, seq: seq, Cost(cost: view.cost)),
            Slice("themes.updated", session, seq: seq, Themes(themes: view.themes)),
        ]
        if case .array(let polls) = view.polls {
            slices += polls.map { Slice("poll.result", session, seq: seq, Poll(poll: $0)) }
        }
        self.slices = slices
        updatedAt = session.updatedAt
        self.seq = seq
    }

    /// The seq the events of `session` carry in a room that has seen messages up to `seenSeq`.
    static func seq(of session: FocusGroupSession, seenSeq: Int) -> Int {
        max(session.state.nextSeq - 1, seenSeq)
    }

    /// Every snapshot event: what a client that just joined needs.
    var all: [RoomEvent] { slices.map(\.event) }

    /// The events whose content differs from `older` (all of them when there is none).
    func changes(since older: SessionEvents?) -> [RoomEvent] {
        guard let older else { return all }
        return slices.filter { !older.slices.contains($0) }.map(\.event)
    }
}
