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

/// `{"notice": …, "exported_at": …, "personas": [ …the API's representation… ]}`, a persona at a time.
public final class PersonaJSONWriter: PersonaExportWriter {
    private let sink: any ByteSink
    private let encode: (Persona) throws -> [UInt8]
    private var count = 0

    public init(sink: any ByteSink, encode: @escaping (Persona) throws -> [UInt8]) {
        self.sink = sink
        self.encode = encode
    }

    public func begin(exportedAt: Date) throws {
        let notice = JSONValue.string(ExportNotice.sentence).serialized
        let date = JSONValue.string(ExportDates.iso(exportedAt)).serialized
        try sink.write("{\"notice\":\(notice),\"exported_at\":\(date),\"personas\":[\n")
    }

    public func write(_ persona: Persona, folder: String?) throws {
        if count > 0 { try sink.write(",\n") }
        try sink.write(try encode(persona))
        count += 1
    }

    public func finish() throws { try sink.write("\n]}\n") }
}

/// A `# notice` line, then one flat row per persona (lists joined with "; ").
public final class PersonaCSVWriter: PersonaExportWriter {
    public static let columns = [
        "id", "name", "age", "gender", "occupation", "location", "income_band", "attitude", "bio", "quote", "values",
        "motivations", "frustrations", "interests", "shopping", "media", "technology", "folder", "created_at",
    ]

    private let sink: any ByteSink

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(exportedAt: Date) throws {
        try sink.write("# \(ExportNotice.sentence) Exported \(ExportDates.iso(exportedAt)).\r\n")
        try sink.write(ExportText.csvRow(Self.columns))
    }

    public func write(_ persona: Persona, folder: String?) throws {
        let profile = persona.profile
        let psycho = profile.psychographics
        let behaviours = profile.behaviours
        let lists = [
            psycho.values, psycho.motivations, psycho.frustrations, psycho.interests, behaviours.shopping,
            behaviours.media, behaviours.technology,
        ].map { $0.joined(separator: "; ") }
        try sink.write(
            ExportText.csvRow(
                [
                    persona.id.rawValue, profile.name, String(profile.age), profile.gender.rawValue,
                    profile.occupation, profile.location, profile.incomeBand.rawValue, profile.attitude.rawValue,
                    profile.bio, profile.quote,
                ] + lists + [folder ?? "", ExportDates.iso(persona.createdAt)]))
    }

    public func finish() throws {}
}

/// A banner, then one section per persona.
public final class PersonaMarkdownWriter: PersonaExportWriter {
    private let sink: any ByteSink

    public init(sink: any ByteSink) { self.sink = sink }

    public func begin(exportedAt: Date) throws {
        try sink.write(
            "> **\(ExportNotice.text).** \(ExportNotice.sentence)\n\n# Synthetic users\n\n"
                + "Exported from Cohorta on \(ExportDates.readable(exportedAt)).\n")
    }

    public func write(_ persona: Persona, folder: String?) throws {
        let profile = persona.profile
        var text = "\n## \(ExportText.markdownInline(profile.name))\n\n"
        text += "- **Age:** \(profile.age)\n- **Gender:** \(profile.gender.rawValue)\n"
        text += "- **Occupation:** \(ExportText.markdownInline(profile.occupation))\n"
        text += "- **Location:** \(ExportText.markdownInline(profile.location))\n"
        text += "- **Income:** \(profile.incomeBand.rawValue)\n- **Attitude:** \(profile.attitude.rawValue)\n"
        if let folder { text += "- **Folder:** \(ExportText.markdownInline(folder))\n" }
        text += "\n\(ExportText.markdown(profile.bio))\n"
        if !profile.quote.isEmpty { text += "\n> “\(ExportText.markdownInline(profile.quote))”\n" }
        let psycho = profile.psychographics
        let behaviours = profile.behaviours
        for (title, items) in [
            ("Values", psycho.values), ("Motivations", psycho.motivations), ("Frustrations", psycho.frustrations),
            ("Interests", psycho.interests), ("Shopping", behaviours.shopping), ("Media", behaviours.media),
            ("Technology", behaviours.technology),
        ] where !items.isEmpty {
            text += "\n**\(title):** " + items.map(ExportText.markdownInline).joined(separator: "; ") + "\n"
        }
        try sink.write(text)
    }

    public func finish() throws {}
}
