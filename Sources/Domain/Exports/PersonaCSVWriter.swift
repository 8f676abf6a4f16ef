public import Foundation

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
