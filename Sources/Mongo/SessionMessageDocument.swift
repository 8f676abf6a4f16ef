internal import BSON
internal import Domain
internal import Foundation

/// A `session_messages` document as stored: `{_id: "<session id>:<seq, 6 digits>", session_id, seq,
/// speaker ("moderator", "human", "persona:<id>"), speaker_name, text, position {section, question} | null,
/// prompt_tokens, completion_tokens, cost_micro_usd, regenerations [reason], state_after {…}, created_at}`.
///
/// The `_id` is the message's place in its session, so a second insert of the same seq fails with a
/// duplicate key whatever else differs: that is what keeps a resumed run from storing a turn twice.
struct SessionMessageDocument: Codable {
    var id: String
    var sessionID: ObjectID
    var seq: Int64
    var speaker: String
    var speakerName: String
    var text: String
    var position: GuidePosition?
    var promptTokens: Int64
    var completionTokens: Int64
    var cost: Int64
    var regenerations: [String]
    var stateAfter: ConversationState
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case sessionID = "session_id"
        case seq, speaker, text, position, regenerations
        case speakerName = "speaker_name"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case cost = "cost_micro_usd"
        case stateAfter = "state_after"
        case createdAt = "created_at"
    }

    init(_ message: SessionMessage, session: ObjectID) {
        id = Self.id(session: session, seq: message.seq)
        sessionID = session
        seq = Int64(message.seq)
        speaker = message.speaker.storedValue
        speakerName = message.speakerName
        text = message.text
        position = message.position
        promptTokens = Int64(message.usage.promptTokens)
        completionTokens = Int64(message.usage.completionTokens)
        cost = message.cost.value
        regenerations = message.regenerations
        stateAfter = message.stateAfter
        createdAt = message.createdAt.millisecondPrecision
    }

    /// "<session id>:<seq zero-padded to 6 digits>", so ids sort like seqs within a session.
    static func id(session: ObjectID, seq: Int) -> String {
        let digits = String(seq)
        return "\(session.hex):\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)"
    }

    /// Writes `position: null` outside the guide, so every message has the same fields.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(seq, forKey: .seq)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(speakerName, forKey: .speakerName)
        try container.encode(text, forKey: .text)
        try container.encode(position, forKey: .position)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(cost, forKey: .cost)
        try container.encode(regenerations, forKey: .regenerations)
        try container.encode(stateAfter, forKey: .stateAfter)
        try container.encode(createdAt, forKey: .createdAt)
    }

    func message() throws -> SessionMessage {
        guard let speaker = Speaker(storedValue: speaker) else {
            throw BSONError(.typeMismatch, "A stored message is invalid.", detail: "message \(id): speaker \(speaker)")
        }
        return SessionMessage(
            sessionID: SessionID(sessionID.hex), seq: Int(seq), speaker: speaker, speakerName: speakerName, text: text,
            position: position,
            usage: TokenUsage(promptTokens: Int(promptTokens), completionTokens: Int(completionTokens)),
            cost: MicroUSD(cost), regenerations: regenerations, stateAfter: stateAfter, createdAt: createdAt)
    }
}
