internal import Domain

/// A theme inside a session: `{title, summary, quotes [{seq, persona_id, text}]}`.
struct SessionThemeDocument: Codable {
    struct Quote: Codable {
        var seq: Int64
        var personaID: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case seq, text
            case personaID = "persona_id"
        }
    }

    var title: String
    var summary: String
    var quotes: [Quote]

    init(_ theme: SessionTheme) {
        title = theme.title
        summary = theme.summary
        quotes = theme.quotes.map { Quote(seq: Int64($0.seq), personaID: $0.personaID.rawValue, text: $0.text) }
    }

    var theme: SessionTheme {
        SessionTheme(
            title: title, summary: summary,
            quotes: quotes.map {
                SessionTheme.Quote(seq: Int($0.seq), personaID: PersonaID($0.personaID), text: $0.text)
            })
    }
}

/// A poll's outcome: `{section, poll {id, kind, question, options, samples}, answers {<persona id>:
/// [[option index]]}}`.
struct SessionPollDocument: Codable {
    struct Poll: Codable {
        var id: String
        var kind: GuidePoll.Kind
        var question: String
        var options: [String]
        var samples: Int64
    }

    var section: Int64
    var poll: Poll
    var answers: [String: [[Int64]]]

    init(_ result: SessionPollResult) {
        section = Int64(result.section)
        let given = result.poll
        poll = Poll(
            id: given.id, kind: given.kind, question: given.question, options: given.options,
            samples: Int64(given.samples))
        answers = Dictionary(
            uniqueKeysWithValues: result.answers.map { ($0.key.rawValue, $0.value.map { $0.map(Int64.init) }) })
    }

    var result: SessionPollResult {
        SessionPollResult(
            section: Int(section),
            poll: GuidePoll(
                id: poll.id, kind: poll.kind, question: poll.question, options: poll.options,
                samples: Int(poll.samples)),
            answers: Dictionary(
                uniqueKeysWithValues: answers.map { (PersonaID($0.key), $0.value.map { $0.map { Int($0) } }) }))
    }
}

/// The end of a run: `{summary, themes [theme], partial}`.
struct SessionReportDocument: Codable {
    var summary: String
    var themes: [SessionThemeDocument]
    var partial: Bool

    init(_ report: SessionReport) {
        summary = report.summary
        themes = report.themes.map(SessionThemeDocument.init)
        partial = report.partial
    }

    var report: SessionReport {
        SessionReport(summary: summary, themes: themes.map(\.theme), partial: partial)
    }
}
