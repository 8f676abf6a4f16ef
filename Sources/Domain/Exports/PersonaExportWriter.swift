public import Foundation

/// Writes personas one at a time to a sink: `begin`, `write` per persona, `finish`. Nothing but the
/// current persona is held.
public protocol PersonaExportWriter: AnyObject {
    func begin(exportedAt: Date) throws
    /// `folder`: the name of the folder the persona is filed in.
    func write(_ persona: Persona, folder: String?) throws
    func finish() throws
}

extension ExportFormat {
    /// The persona writer for this format over `sink`; `json` encodes one persona as the API does. Nil for
    /// formats personas are not exported in.
    public func personaWriter(sink: any ByteSink, json: @escaping (Persona) throws -> [UInt8])
        -> (any PersonaExportWriter)?
    {
        switch self {
        case .json: PersonaJSONWriter(sink: sink, encode: json)
        case .csv: PersonaCSVWriter(sink: sink)
        case .md: PersonaMarkdownWriter(sink: sink)
        case .docx, .html: nil
        }
    }
}
