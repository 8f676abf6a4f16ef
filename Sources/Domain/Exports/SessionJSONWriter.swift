/// `{notice, exported_at, incomplete, session, participants, report, polls, messages: [ … ]}`, the
/// messages streamed last.
public final class SessionJSONWriter: SessionExportWriter {
    private let sink: any ByteSink
    private var count = 0

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(_ document: SessionExportDocument) throws {
        let session = document.session
        let snapshot = session.snapshot
        let head: [(String, JSONValue)] = [
            ("notice", .string(ExportNotice.sentence)), ("exported_at", .string(ExportDates.iso(document.exportedAt))),
            ("incomplete", .bool(document.isIncomplete)),
            (
                "session",
                .object([
                    ("id", .string(session.id.rawValue)), ("name", .string(document.name)),
                    ("focus_group_id", .string(snapshot.focusGroupID.rawValue)),
                    ("objective", .string(snapshot.objective)), ("audience", .string(snapshot.audience)),
                    ("language", .string(snapshot.language)), ("status", .string(session.status.rawValue)),
                    ("created_at", .string(ExportDates.iso(session.createdAt))),
                    ("finished_at", session.finishedAt.map { .string(ExportDates.iso($0)) } ?? .null),
                ])
            ),
            ("participants", .array(snapshot.participants.map(Self.participant))),
            ("report", session.report.map(Self.report) ?? .null),
            ("polls", .array(document.polls.map(Self.poll))),
        ]
        let object = JSONValue.object(head).serialized
        try sink.write(String(object.dropLast()) + ",\"messages\":[\n")
    }

    public func write(_ message: SessionMessage) throws {
        let json = JSONValue.object([
            ("seq", .number(Double(message.seq))),
            ("speaker", .string(SessionExportDocument.speakerKind(message.speaker))),
            ("persona_id", Self.personaID(message.speaker)), ("speaker_name", .string(message.speakerName)),
            ("created_at", .string(ExportDates.iso(message.createdAt))), ("text", .string(message.text)),
        ])
        try sink.write((count > 0 ? ",\n" : "") + json.serialized)
        count += 1
    }

    public func finish() throws { try sink.write("\n]}\n") }

    private static func personaID(_ speaker: Speaker) -> JSONValue {
        if case .participant(let id) = speaker { return .string(id.rawValue) }
        return .null
    }

    private static func participant(_ participant: SessionSnapshot.Participant) -> JSONValue {
        let profile = participant.profile
        return .object([
            ("persona_id", .string(participant.id.rawValue)), ("name", .string(profile.name)),
            ("age", .number(Double(profile.age))), ("gender", .string(profile.gender.rawValue)),
            ("occupation", .string(profile.occupation)), ("location", .string(profile.location)),
        ])
    }

    private static func report(_ report: SessionReport) -> JSONValue {
        .object([
            ("summary", .string(report.summary)), ("partial", .bool(report.partial)),
            ("themes", SessionThemes.json(report.themes)),
        ])
    }

    private static func poll(_ poll: ExportPoll) -> JSONValue {
        .object([
            ("id", .string(poll.id)), ("kind", .string(poll.kind.rawValue)), ("question", .string(poll.question)),
            ("options", .array(poll.options.map { .string($0) })), ("statistics", poll.statisticsJSON),
            (
                "answers",
                .array(
                    poll.answers.map { answer in
                        .object([
                            ("persona_id", .string(answer.personaID.rawValue)), ("name", .string(answer.name)),
                            ("samples", .array(answer.samples.map { .array($0.map { .string($0) }) })),
                        ])
                    })
            ),
        ])
    }
}
