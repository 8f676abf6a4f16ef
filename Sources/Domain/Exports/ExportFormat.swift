/// A file format an export is written in. Personas: json, csv, md; a session: every format.
public enum ExportFormat: String, Sendable, CaseIterable {
    case json
    case csv
    case md
    case docx
    case html

    public var fileExtension: String { rawValue }

    public var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .html: "text/html; charset=utf-8"
        }
    }
}

/// What is exported.
public enum ExportKind: String, Sendable, CaseIterable {
    case personas
    case session

    /// The formats this kind can be written in.
    public var formats: [ExportFormat] {
        switch self {
        case .personas: [.json, .csv, .md]
        case .session: [.md, .json, .csv, .docx, .html]
        }
    }
}

/// Where an export is in its life: rendered by its task, then downloadable until it expires.
public enum ExportStatus: String, Sendable, CaseIterable {
    case pending
    case ready
    case failed
}

/// An export's id (the store's own: a 24-hex ObjectId in MongoDB).
public struct ExportID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
