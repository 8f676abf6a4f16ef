internal import BSON
internal import Domain
internal import Foundation

/// A `sessions` document as stored: `{_id, user_id, focus_group_id, snapshot {…}, seed_base, fork {parent,
/// seq} (absent on an original), replay_of (absent unless a replay), created_at}` that never change, and
/// the mutable part (`Mutable`): `{status, state {…}, task_id, themes, polls, report, credits_charged,
/// failure, updated_at, finished_at}`, with null for an absent value.
///
/// `state` is `ConversationState` in its Codable form (the engine's own field names). A save replaces the
/// whole document, never `$set`s a path: nx-27017 stores a date or a boolean given directly to `$set` as a
/// string or a 1 (docs/design.md), and the state always travels whole.
struct SessionDocument: Codable {
    struct Fork: Codable {
        var parent: ObjectID
        var seq: Int64
    }

    struct Mutable: Codable {
        var status: SessionStatus
        var state: ConversationState
        var taskID: String?
        var themes: [SessionThemeDocument]
        var polls: [SessionPollDocument]
        var report: SessionReportDocument?
        var creditsCharged: Int64
        var failure: String?
        var updatedAt: Date
        var finishedAt: Date?

        enum CodingKeys: String, CodingKey {
            case status, state, themes, polls, report, failure
            case taskID = "task_id"
            case creditsCharged = "credits_charged"
            case updatedAt = "updated_at"
            case finishedAt = "finished_at"
        }

        init(_ session: FocusGroupSession) {
            status = session.status
            state = session.state
            taskID = session.taskID?.rawValue
            themes = session.themes.map(SessionThemeDocument.init)
            polls = session.polls.map(SessionPollDocument.init)
            report = session.report.map(SessionReportDocument.init)
            creditsCharged = session.creditsCharged.value
            failure = session.failure
            updatedAt = session.updatedAt.millisecondPrecision
            finishedAt = session.finishedAt?.millisecondPrecision
        }

        /// Writes null for an absent value, so every session has the same fields.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(status, forKey: .status)
            try container.encode(state, forKey: .state)
            try container.encode(taskID, forKey: .taskID)
            try container.encode(themes, forKey: .themes)
            try container.encode(polls, forKey: .polls)
            try container.encode(report, forKey: .report)
            try container.encode(creditsCharged, forKey: .creditsCharged)
            try container.encode(failure, forKey: .failure)
            try container.encode(updatedAt, forKey: .updatedAt)
            try container.encode(finishedAt, forKey: .finishedAt)
        }
    }

    var id: ObjectID
    var userID: ObjectID
    var focusGroupID: ObjectID
    var snapshot: SessionSnapshotDocument
    var seedBase: Int64
    var fork: Fork?
    var replayOf: ObjectID?
    var createdAt: Date
    var mutable: Mutable

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case focusGroupID = "focus_group_id"
        case snapshot, fork
        case seedBase = "seed_base"
        case replayOf = "replay_of"
        case createdAt = "created_at"
    }

    /// Every reference must be a storage id; one that cannot be is reported missing.
    init(_ session: FocusGroupSession, id: ObjectID) throws {
        guard let owner = ObjectID(hex: session.ownerID.rawValue) else {
            throw DomainError(.notFound, "No such user.")
        }
        guard let group = ObjectID(hex: session.snapshot.focusGroupID.rawValue) else {
            throw DomainError(.notFound, "No such focus group.")
        }
        self.id = id
        userID = owner
        focusGroupID = group
        snapshot = SessionSnapshotDocument(session.snapshot)
        seedBase = Int64(session.seedBase)
        fork = try session.fork.map { Fork(parent: try Self.storedSession($0.parent), seq: Int64($0.seq)) }
        replayOf = try session.replayOf.map(Self.storedSession)
        createdAt = session.createdAt.millisecondPrecision
        mutable = Mutable(session)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ObjectID.self, forKey: .id)
        userID = try container.decode(ObjectID.self, forKey: .userID)
        focusGroupID = try container.decode(ObjectID.self, forKey: .focusGroupID)
        snapshot = try container.decode(SessionSnapshotDocument.self, forKey: .snapshot)
        seedBase = try container.decode(Int64.self, forKey: .seedBase)
        fork = try container.decodeIfPresent(Fork.self, forKey: .fork)
        replayOf = try container.decodeIfPresent(ObjectID.self, forKey: .replayOf)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        mutable = try Mutable(from: decoder)
    }

    /// The fixed fields, then the mutable part's, in one document.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        try container.encode(focusGroupID, forKey: .focusGroupID)
        try container.encode(snapshot, forKey: .snapshot)
        try container.encode(seedBase, forKey: .seedBase)
        try container.encodeIfPresent(fork, forKey: .fork)
        try container.encodeIfPresent(replayOf, forKey: .replayOf)
        try container.encode(createdAt, forKey: .createdAt)
        try mutable.encode(to: encoder)
    }

    func session() throws -> FocusGroupSession {
        FocusGroupSession(
            id: SessionID(id.hex), ownerID: UserID(userID.hex),
            snapshot: try snapshot.snapshot(of: FocusGroupID(focusGroupID.hex), session: id),
            status: mutable.status, state: mutable.state, taskID: mutable.taskID.map(TaskID.init),
            seedBase: Int(seedBase),
            fork: fork.map { FocusGroupSession.Fork(parent: SessionID($0.parent.hex), seq: Int($0.seq)) },
            replayOf: replayOf.map { SessionID($0.hex) }, themes: mutable.themes.map(\.theme),
            polls: mutable.polls.map(\.result), report: mutable.report?.report,
            creditsCharged: Credits(mutable.creditsCharged), failure: mutable.failure, createdAt: createdAt,
            updatedAt: mutable.updatedAt, finishedAt: mutable.finishedAt)
    }

    private static func storedSession(_ id: SessionID) throws -> ObjectID {
        guard let objectID = id.objectID else { throw DomainError(.notFound, "No such session.") }
        return objectID
    }

    static func corrupt(_ id: ObjectID, _ detail: String) -> BSONError {
        BSONError(.typeMismatch, "A stored session is invalid.", detail: "session \(id.hex): \(detail)")
    }
}

extension SessionID {
    /// The storage id behind this session id; nil when it cannot be one (so no such session exists).
    var objectID: ObjectID? { ObjectID(hex: rawValue) }
}
