internal import BSON
internal import Domain
internal import Foundation

/// A `session_live` document as stored: `{_id: "<session id>", kind: "speaking" | "polling" | "idle",
/// seq, speaker, speaker_name, draft, section, poll {id, kind, question, options, samples}, updated_at}`,
/// with null for the fields the kind does not use, so every record has the same fields.
///
/// Written with `$set` and upsert (`MongoLiveActivityStore`), so nx-27017 reads `updated_at` back as
/// text once the record exists, and small integers as int32: reading takes both forms.
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
    /// A date, or nx-27017's text for a date written with `$set`.
    var updatedAt: NXStoredDate.Field

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id = "_id"
        case kind, seq, speaker
        case speakerName = "speaker_name"
        case draft, section, poll
        case updatedAt = "updated_at"
    }

    init(_ activity: LiveActivity) {
        id = activity.sessionID.rawValue
        updatedAt = NXStoredDate.Field(activity.updatedAt.millisecondPrecision)
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

    /// The `$set` of a publish: every field but `_id`, in stored order, with null for those not in use.
    func fields() throws -> BSONDocument {
        let encoded = try BSONEncoder().encode(self).elements
        return BSONDocument(
            CodingKeys.allCases.filter { $0 != .id }.map { key in
                (key.rawValue, encoded.first { $0.key == key.rawValue }?.value ?? .null)
            })
    }

    func activity() throws -> LiveActivity {
        LiveActivity(sessionID: SessionID(id), kind: try activityKind(), updatedAt: updatedAt.date)
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
