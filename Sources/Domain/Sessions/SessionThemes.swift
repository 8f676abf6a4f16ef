import Foundation

/// Themes as the model writes them, checked against the transcript: a quote must be words of the line it
/// cites, said by the persona it names; a theme keeps only such quotes and is dropped unless they come from
/// `SessionTheme.minimumVoices` different participants. What survives is evidence, not invention.
public enum SessionThemes {
    public static let maximumThemes = 6
    public static let maximumQuotesPerTheme = 6

    /// The themes of `json` (`{"themes": [...]}` or the array itself) that the transcript backs up.
    public static func read(_ json: JSONValue?, transcript: [TranscriptLine]) -> [SessionTheme] {
        let entries = json?["themes"]?.arrayValue ?? json?.arrayValue ?? []
        let lines = Dictionary(transcript.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        return entries.compactMap { entry -> SessionTheme? in
            guard let title = entry["title"]?.stringValue?.trimmingWhitespace(), !title.isEmpty else { return nil }
            let quotes = (entry["quotes"]?.arrayValue ?? []).compactMap { quote(in: $0, lines: lines) }
            var seen = Set<Int>()
            let distinct = quotes.filter { seen.insert($0.seq).inserted }.prefix(maximumQuotesPerTheme)
            guard Set(distinct.map(\.personaID)).count >= SessionTheme.minimumVoices else { return nil }
            return SessionTheme(
                title: String(title.prefix(120)),
                summary: String((entry["summary"]?.stringValue ?? "").trimmingWhitespace().prefix(1_000)),
                quotes: Array(distinct))
        }.prefix(maximumThemes).map { $0 }
    }

    private static func quote(in json: JSONValue, lines: [Int: TranscriptLine]) -> SessionTheme.Quote? {
        guard let seq = json["seq"]?.intValue, let line = lines[seq], let speaker = line.speaker.participantID,
            json["persona_id"]?.stringValue == speaker.rawValue
        else { return nil }
        let text = (json["text"]?.stringValue ?? "").trimmingWhitespace()
        let words = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"“”'…. "))
        // An empty or paraphrased quote is replaced by the line itself: the citation still holds.
        let quoted = !words.isEmpty && line.text.localizedCaseInsensitiveContains(words) ? text : line.text
        return SessionTheme.Quote(seq: seq, personaID: speaker, text: String(quoted.prefix(600)))
    }

    public static func json(_ themes: [SessionTheme]) -> JSONValue {
        .array(
            themes.map { theme in
                .object([
                    ("title", .string(theme.title)), ("summary", .string(theme.summary)),
                    (
                        "quotes",
                        .array(
                            theme.quotes.map {
                                .object([
                                    ("seq", .number(Double($0.seq))), ("persona_id", .string($0.personaID.rawValue)),
                                    ("text", .string($0.text)),
                                ])
                            })
                    ),
                ])
            })
    }
}
