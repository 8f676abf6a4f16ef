/// A Word document (OOXML package in a ZIP archive): the fixed parts, then `word/document.xml` streamed
/// message by message. Each message is a bookmark `message_<seq>`; theme quotes are internal hyperlinks
/// to it. Sections start on a new page.
public final class SessionDocxWriter: SessionExportWriter {
    private let archive: any ArchiveSink

    public init(archive: any ArchiveSink) { self.archive = archive }

    public func begin(_ document: SessionExportDocument) throws {
        for (path, text) in [
            ("[Content_Types].xml", DocxPackageParts.contentTypes),
            ("_rels/.rels", DocxPackageParts.packageRelationships),
            ("word/_rels/document.xml.rels", DocxPackageParts.documentRelationships),
            ("word/styles.xml", DocxPackageParts.styles),
        ] {
            try archive.beginEntry(path)
            try archive.write(text)
            try archive.endEntry()
        }
        try archive.beginEntry(DocxPackageParts.documentPath)
        try archive.write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
                + "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>")
        try archive.write(head(document) + report(document) + polls(document))
        try archive.write(Self.paragraph(style: "Heading1", pageBreak: true, runs: Self.run("Transcript")))
    }

    private func head(_ document: SessionExportDocument) -> String {
        let session = document.session
        let snapshot = session.snapshot
        var xml = Self.paragraph(style: "Notice", runs: Self.run(ExportNotice.sentence))
        xml += Self.paragraph(style: "Title", runs: Self.run(document.name))
        if document.isIncomplete { xml += Self.paragraph(style: "Notice", runs: Self.run(document.incompleteNote)) }
        var details = [
            ("Focus group", snapshot.name), ("Objective", snapshot.objective), ("Status", session.status.rawValue),
        ]
        details += document.dates.map { ($0.label, ExportDates.readable($0.date)) }
        details.append(("Exported", ExportDates.readable(document.exportedAt)))
        for (label, value) in details {
            xml += Self.paragraph(runs: Self.run("\(label): ", bold: true) + Self.run(value))
        }
        xml += Self.paragraph(style: "Heading1", runs: Self.run("Participants"))
        for participant in snapshot.participants {
            let profile = participant.profile
            xml += Self.paragraph(
                runs: Self.run(profile.name, bold: true)
                    + Self.run(", \(profile.age), \(profile.occupation), \(profile.location)"))
        }
        return xml
    }

    private func report(_ document: SessionExportDocument) -> String {
        var xml = Self.paragraph(style: "Heading1", pageBreak: true, runs: Self.run("Report"))
        guard let report = document.session.report else {
            return xml + Self.paragraph(runs: Self.run("No report has been written yet."))
        }
        if report.partial {
            xml += Self.paragraph(runs: Self.run("The run stopped early; this report covers what was said."))
        }
        xml += Self.paragraph(runs: Self.run(report.summary))
        for theme in report.themes {
            xml += Self.paragraph(style: "Heading2", runs: Self.run(theme.title))
            xml += Self.paragraph(runs: Self.run(theme.summary))
            for quote in theme.quotes {
                xml += Self.paragraph(
                    style: "Quote",
                    runs: Self.run("“\(quote.text)” — \(document.participantName(quote.personaID)) (")
                        + "<w:hyperlink w:anchor=\"\(Self.bookmark(quote.seq))\" w:history=\"1\">"
                        + Self.run("message \(quote.seq)", characterStyle: "Hyperlink") + "</w:hyperlink>"
                        + Self.run(")"))
            }
        }
        return xml
    }

    private func polls(_ document: SessionExportDocument) -> String {
        guard !document.polls.isEmpty else { return "" }
        var xml = Self.paragraph(style: "Heading1", pageBreak: true, runs: Self.run("Polls"))
        for poll in document.polls {
            xml += Self.paragraph(style: "Heading2", runs: Self.run(poll.question))
            xml += poll.statistics.map { Self.paragraph(runs: Self.run($0)) }.joined()
            for answer in poll.answers {
                xml += Self.paragraph(runs: Self.run("\(answer.name): ", bold: true) + Self.run(answer.text))
            }
        }
        return xml
    }

    public func write(_ message: SessionMessage) throws {
        let id = message.seq
        let who = "\(message.seq). \(message.speakerName)"
        let when =
            " (\(SessionExportDocument.speakerKind(message.speaker)), \(ExportDates.readable(message.createdAt)))"
        try archive.write(
            Self.paragraph(
                runs: "<w:bookmarkStart w:id=\"\(id)\" w:name=\"\(Self.bookmark(id))\"/>" + Self.run(who, bold: true)
                    + "<w:bookmarkEnd w:id=\"\(id)\"/>" + Self.run(when))
                + Self.paragraph(runs: Self.run(message.text)))
    }

    public func finish() throws {
        try archive.write(
            Self.paragraph(style: "Notice", runs: Self.run(ExportNotice.sentence))
                + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
                + "w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
                + "</w:body></w:document>")
        try archive.endEntry()
    }

    /// Word bookmark names allow letters, digits and underscores only.
    static func bookmark(_ seq: Int) -> String { "message_\(seq)" }

    static func paragraph(style: String? = nil, pageBreak: Bool = false, runs: String) -> String {
        var properties = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        if pageBreak { properties += "<w:pageBreakBefore/>" }
        return "<w:p>" + (properties.isEmpty ? "" : "<w:pPr>\(properties)</w:pPr>") + runs + "</w:p>"
    }

    /// A run of text; line breaks become `<w:br/>`.
    static func run(_ text: String, bold: Bool = false, characterStyle: String? = nil) -> String {
        var properties = characterStyle.map { "<w:rStyle w:val=\"\($0)\"/>" } ?? ""
        if bold { properties += "<w:b/>" }
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            "<w:t xml:space=\"preserve\">\(ExportText.markup(String($0)))</w:t>"
        }.joined(separator: "<w:br/>")
        return "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>") + body + "</w:r>"
    }
}
