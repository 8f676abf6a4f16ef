public import Foundation

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
