import Domain

/// One event of a session room, encoded once (docs/realtime.md, "Session rooms"). `seq` is the message's
/// own number for a turn, else the last stored message's when the event happened.
struct RoomEvent: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `turn.final`: sent once per seq, in order, without gaps.
        case message
        /// `turn.delta`: only while its message is not stored yet.
        case draft
        /// Every other event: a snapshot, the newest wins.
        case snapshot
    }

    let sessionID: SessionID
    let seq: Int
    let kind: Kind
    let text: String

    /// `{"type": type, "session_id": …, "seq": …}` plus the fields of `body`.
    init(_ type: String, session sessionID: SessionID, seq: Int, kind: Kind, body: some Encodable) {
        self.sessionID = sessionID
        self.seq = seq
        self.kind = kind
        text = Frame.text(type, RoomFields(sessionID: sessionID.rawValue, seq: seq, body: body))
    }
}

/// The fields every room event has, followed by its own.
private struct RoomFields<Body: Encodable>: Encodable {
    let sessionID: String
    let seq: Int
    let body: Body

    enum CodingKeys: String, CodingKey {
        case seq
        case sessionID = "session_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(seq, forKey: .seq)
        try body.encode(to: encoder)
    }
}
