internal import BSON
internal import Domain
internal import Foundation

/// A `session_live` document as stored: `{_id: "<session id>", kind: "speaking" | "polling" | "idle",
/// seq, speaker, speaker_name, draft, section, poll {id, kind, question, options, samples}, updated_at}`,
/// with null for the fields the kind does not use, so every record has the same fields.
///
/// Written with `$set` and upsert (`MongoLiveActivityStore`), so nx-27017 reads `updated_at` back as
/// text once the record exists, and small integers as int32: the decoder takes both forms.
struct LiveActivityDocument: Codable {
    enum Kind: String, Codable {
        case speaking, polling, idle
    }

    var id: String
    var kind: Kind
    var seq: Int64?
    var speaker: String?
    var speakerName: String?
    var draft: String?
    var section: Int64?
    var poll: GuideDocument.Poll?
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case kind, seq, speaker, draft, section, poll
        case speakerName = "speaker_name"
        case updatedAt = "updated_at"
    }

    init(_ activity: LiveActivity) {
        id = activity.sessionID.rawValue
        updatedAt = activity.updatedAt.millisecondPrecision
        switch activity.kind {
        case .speaking(let seq, let speaker, let speakerName, let draft):
            kind = .speaking
            self.seq = Int64(seq)
            self.speaker = speaker.storedValue
            self.speakerName = speakerName
            self.draft = draft
        case .polling(let section, let poll):
            kind = .polling
            self.section = Int64(section)
            self.poll = GuideDocument.Poll(
                id: poll.id, kind: poll.kind.rawValue, question: poll.question, options: poll.options,
                samples: Int64(poll.samples))
        case .idle:
            kind = .idle
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        seq = try container.decodeIfPresent(Int64.self, forKey: .seq)
        speaker = try container.decodeIfPresent(String.self, forKey: .speaker)
        speakerName = try container.decodeIfPresent(String.self, forKey: .speakerName)
        draft = try container.decodeIfPresent(String.self, forKey: .draft)
        section = try container.decodeIfPresent(Int64.self, forKey: .section)
        poll = try container.decodeIfPresent(GuideDocument.Poll.self, forKey: .poll)
        if let date = try? container.decode(Date.self, forKey: .updatedAt) {
            updatedAt = date
        } else {
            let text = try container.decode(String.self, forKey: .updatedAt)  // nx-27017's form of a `$set` date
            guard let date = NXStoredDate.date(text) else { throw Self.corrupt(id, "updated_at \(text)") }
            updatedAt = date
        }
    }

    /// Writes null for the fields the kind does not use.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(seq, forKey: .seq)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(speakerName, forKey: .speakerName)
        try container.encode(draft, forKey: .draft)
        try container.encode(section, forKey: .section)
        try container.encode(poll, forKey: .poll)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    func activity() throws -> LiveActivity {
        LiveActivity(sessionID: SessionID(id), kind: try activityKind(), updatedAt: updatedAt)
    }

    private func activityKind() throws -> LiveActivity.Kind {
        switch kind {
        case .speaking:
            guard let seq, let stored = speaker, let speaker = Speaker(storedValue: stored), let speakerName,
                let draft
            else { throw Self.corrupt(id, "speaking without seq, speaker, speaker_name or draft") }
            return .speaking(seq: Int(seq), speaker: speaker, speakerName: speakerName, draft: draft)
        case .polling:
            guard let section, let poll, let pollKind = GuidePoll.Kind(rawValue: poll.kind) else {
                throw Self.corrupt(id, "polling without section or a valid poll")
            }
            return .polling(
                section: Int(section),
                poll: GuidePoll(
                    id: poll.id, kind: pollKind, question: poll.question, options: poll.options,
                    samples: Int(poll.samples)))
        case .idle:
            return .idle
        }
    }

    private static func corrupt(_ id: String, _ detail: String) -> BSONError {
        BSONError(.typeMismatch, "A stored live activity is invalid.", detail: "session_live \(id): \(detail)")
    }
}
