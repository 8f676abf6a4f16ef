/// A self-contained, print-styled HTML report (inline CSS, `@page` margins, each section on a new page,
/// no app chrome): the notice banner, details, participants, report (theme quotes link to
/// `#message-<seq>`), polls, transcript.
public final class SessionHTMLWriter: SessionExportWriter {
    static let style = """
        body{font:11pt/1.5 Georgia,"Times New Roman",serif;color:#1a1a1a;max-width:46rem;margin:2rem auto;padding:0 1rem}
        h1{font-size:20pt;margin:.5rem 0}h2{font-size:15pt;border-bottom:1px solid #999;padding-bottom:.2rem}
        h3{font-size:12pt}.notice{border:2px solid #8a5a00;background:#fff4d6;padding:.6rem .8rem;font-weight:bold}
        .meta dt{font-weight:bold;float:left;width:8rem}.meta dd{margin-left:8rem}
        blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:3px solid #bbb}
        table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}
        .message{margin:.6rem 0;break-inside:avoid}.message .who{font-weight:bold}.message .when{color:#555;font-size:9pt}
        .message p{margin:.2rem 0;white-space:pre-wrap}a{color:#0b4f8a}
        @page{margin:2cm}
        @media print{body{margin:0;max-width:none}section{break-before:page}a{color:inherit;text-decoration:none}
        .notice{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """

    private let sink: any ByteSink

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(_ document: SessionExportDocument) throws {
        let session = document.session
        let snapshot = session.snapshot
        let name = ExportText.markup(document.name)
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(name)</title>"
        html += "<style>\(Self.style)</style></head><body>\n"
        html += "<p class=\"notice\" role=\"note\">\(ExportText.markup(ExportNotice.sentence))</p>\n"
        html += "<h1>\(name)</h1>\n"
        if document.isIncomplete { html += "<p class=\"notice\">\(ExportText.markup(document.incompleteNote))</p>\n" }
        html += "<dl class=\"meta\"><dt>Focus group</dt><dd>\(ExportText.markup(snapshot.name))</dd>"
        html += "<dt>Objective</dt><dd>\(ExportText.markup(snapshot.objective))</dd>"
        html += "<dt>Status</dt><dd>\(session.status.rawValue)</dd>"
        for (label, date) in document.dates { html += "<dt>\(label)</dt><dd>\(ExportDates.readable(date))</dd>" }
        html += "<dt>Exported</dt><dd>\(ExportDates.readable(document.exportedAt))</dd></dl>\n"
        html += "<h2>Participants</h2><ul>"
        for participant in snapshot.participants {
            let profile = participant.profile
            html +=
                "<li><strong>\(ExportText.markup(profile.name))</strong>, \(profile.age), "
                + "\(ExportText.markup(profile.occupation)), \(ExportText.markup(profile.location))</li>"
        }
        html += "</ul>\n" + report(document) + polls(document) + "<section><h2>Transcript</h2>\n"
        try sink.write(html)
    }

    private func report(_ document: SessionExportDocument) -> String {
        var html = "<section><h2>Report</h2>"
        guard let report = document.session.report else {
            return html + "<p>No report has been written yet.</p></section>\n"
        }
        if report.partial { html += "<p><em>The run stopped early; this report covers what was said.</em></p>" }
        html += paragraphs(report.summary)
        for theme in report.themes {
            html += "<h3>\(ExportText.markup(theme.title))</h3>\(paragraphs(theme.summary))"
            for quote in theme.quotes {
                html +=
                    "<blockquote>“\(ExportText.markup(quote.text))” — "
                    + "\(ExportText.markup(document.participantName(quote.personaID))) "
                    + "(<a href=\"#message-\(quote.seq)\">message \(quote.seq)</a>)</blockquote>"
            }
        }
        return html + "</section>\n"
    }

    private func polls(_ document: SessionExportDocument) -> String {
        guard !document.polls.isEmpty else { return "" }
        var html = "<section><h2>Polls</h2>"
        for poll in document.polls {
            html += "<h3>\(ExportText.markup(poll.question))</h3><p><em>\(poll.kind.rawValue)</em></p><ul>"
            html += poll.statistics.map { "<li>\(ExportText.markup($0))</li>" }.joined() + "</ul>"
            html += "<table><thead><tr><th>Participant</th><th>Answer</th></tr></thead><tbody>"
            for answer in poll.answers {
                html += "<tr><td>\(ExportText.markup(answer.name))</td><td>\(ExportText.markup(answer.text))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</section>\n"
    }

    public func write(_ message: SessionMessage) throws {
        try sink.write(
            "<div class=\"message\" id=\"message-\(message.seq)\"><span class=\"who\">\(message.seq). "
                + "\(ExportText.markup(message.speakerName))</span> <span class=\"when\">"
                + "\(SessionExportDocument.speakerKind(message.speaker)), \(ExportDates.readable(message.createdAt))"
                + "</span><p>\(ExportText.markup(message.text))</p></div>\n")
    }

    public func finish() throws {
        try sink.write(
            "</section>\n<p class=\"notice\">\(ExportText.markup(ExportNotice.sentence))</p></body></html>\n")
    }

    private func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { "<p>\(ExportText.markup(String($0)))</p>" }
            .joined()
    }
}
