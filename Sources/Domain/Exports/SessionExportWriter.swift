/// Writes a session export: `begin` writes all but the transcript (banner, details, participants, report
/// with its themes, polls), `write` each message in seq order, `finish` closes the file. Only the
/// current message is held.
public protocol SessionExportWriter: AnyObject {
    func begin(_ document: SessionExportDocument) throws
    func write(_ message: SessionMessage) throws
    func finish() throws
}

extension ExportFormat {
    /// The writer for this format; DOCX needs an archive to put its package parts in.
    public func sessionWriter(sink: any ByteSink, archive: (any ArchiveSink)?) -> (any SessionExportWriter)? {
        switch self {
        case .md: SessionMarkdownWriter(sink: sink)
        case .json: SessionJSONWriter(sink: sink)
        case .csv: SessionCSVWriter(sink: sink)
        case .html: SessionHTMLWriter(sink: sink)
        case .docx: archive.map { SessionDocxWriter(archive: $0) }
        }
    }
}
