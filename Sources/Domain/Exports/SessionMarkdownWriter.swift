/// Markdown: a notice banner, the details, participants, the report (each theme's quotes link to
/// `#message-<seq>`), polls, then the transcript with an anchor per message.
public final class SessionMarkdownWriter: SessionExportWriter {
    private let sink: any ByteSink

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(_ document: SessionExportDocument) throws {
        let session = document.session
        let snapshot = session.snapshot
        var text = "> **\(ExportNotice.text).** \(ExportNotice.sentence)\n\n"
        text += "# \(ExportText.markdownInline(document.name))\n\n"
        if document.isIncomplete { text += "> \(document.incompleteNote)\n\n" }
        text += "- **Focus group:** \(ExportText.markdownInline(snapshot.name))\n"
        text += "- **Objective:** \(ExportText.markdownInline(snapshot.objective))\n"
        text += "- **Status:** \(session.status.rawValue)\n"
        for (label, date) in document.dates { text += "- **\(label):** \(ExportDates.readable(date))\n" }
        text += "- **Exported:** \(ExportDates.readable(document.exportedAt))\n\n## Participants\n\n"
        for participant in snapshot.participants {
            let profile = participant.profile
            text +=
                "- **\(ExportText.markdownInline(profile.name))**, \(profile.age), "
                + "\(ExportText.markdownInline(profile.occupation)), \(ExportText.markdownInline(profile.location))\n"
        }
        text += report(document)
        text += polls(document)
        text += "\n## Transcript\n"
        try sink.write(text)
    }

    private func report(_ document: SessionExportDocument) -> String {
        var text = "\n## Report\n\n"
        guard let report = document.session.report else { return text + "No report has been written yet.\n" }
        if report.partial { text += "_The run stopped early; this report covers what was said._\n\n" }
        text += "\(ExportText.markdown(report.summary))\n"
        for theme in report.themes {
            text += "\n### \(ExportText.markdownInline(theme.title))\n\n\(ExportText.markdown(theme.summary))\n\n"
            for quote in theme.quotes {
                text +=
                    "- “\(ExportText.markdownInline(quote.text))” — "
                    + "\(ExportText.markdownInline(document.participantName(quote.personaID))) "
                    + "([message \(quote.seq)](#message-\(quote.seq)))\n"
            }
        }
        return text
    }

    private func polls(_ document: SessionExportDocument) -> String {
        guard !document.polls.isEmpty else { return "" }
        var text = "\n## Polls\n"
        for poll in document.polls {
            text += "\n### \(ExportText.markdownInline(poll.question))\n\n_\(poll.kind.rawValue)_\n\n"
            text += poll.statistics.map { "- \(ExportText.markdownInline($0))\n" }.joined()
            text += "\n| Participant | Answer |\n|---|---|\n"
            for answer in poll.answers {
                text += "| \(ExportText.markdownInline(answer.name)) | \(ExportText.markdownInline(answer.text)) |\n"
            }
        }
        return text
    }

    public func write(_ message: SessionMessage) throws {
        let kind = SessionExportDocument.speakerKind(message.speaker)
        try sink.write(
            "\n<a id=\"message-\(message.seq)\"></a>**\(message.seq). \(ExportText.markdownInline(message.speakerName))** "
                + "(\(kind), \(ExportDates.readable(message.createdAt)))\n\n\(ExportText.markdown(message.text))\n")
    }

    public func finish() throws { try sink.write("\n---\n\n_\(ExportNotice.sentence)_\n") }
}
