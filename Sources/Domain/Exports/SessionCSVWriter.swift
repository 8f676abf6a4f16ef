import Foundation

/// One table: a `# notice` line, the header, a `message` row per message, then a `poll_answer` row per
/// participant and poll.
public final class SessionCSVWriter: SessionExportWriter {
    public static let columns = [
        "record", "seq", "speaker", "persona_id", "speaker_name", "created_at", "text", "poll_id", "question",
        "answer",
    ]

    private let sink: any ByteSink
    private var document: SessionExportDocument?

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(_ document: SessionExportDocument) throws {
        self.document = document
        var notice =
            "# \(ExportNotice.sentence) Session \"\(document.name)\", exported "
            + "\(ExportDates.iso(document.exportedAt))."
        if document.isIncomplete { notice += " \(document.incompleteNote)" }
        try sink.write(notice.replacingOccurrences(of: "\n", with: " ") + "\r\n")
        try sink.write(ExportText.csvRow(Self.columns))
    }

    public func write(_ message: SessionMessage) throws {
        try sink.write(
            ExportText.csvRow([
                "message", String(message.seq), SessionExportDocument.speakerKind(message.speaker),
                SessionExportDocument.personaID(message.speaker), message.speakerName,
                ExportDates.iso(message.createdAt), message.text, "", "", "",
            ]))
    }

    public func finish() throws {
        for poll in document?.polls ?? [] {
            for answer in poll.answers {
                try sink.write(
                    ExportText.csvRow([
                        "poll_answer", "", "participant", answer.personaID.rawValue, answer.name, "", "", poll.id,
                        poll.question, answer.text,
                    ]))
            }
        }
    }
}
