/// A theme of the discussion, backed by what participants said: every theme cites quotes (message
/// seqs) from at least two different participants, or it is not reported.
public struct SessionTheme: Sendable, Hashable {
    public struct Quote: Sendable, Hashable {
        public let seq: Int
        public let personaID: PersonaID
        public let text: String

        public init(seq: Int, personaID: PersonaID, text: String) {
            self.seq = seq
            self.personaID = personaID
            self.text = text
        }
    }

    public let title: String
    public let summary: String
    public let quotes: [Quote]

    public init(title: String, summary: String, quotes: [Quote]) {
        self.title = title
        self.summary = summary
        self.quotes = quotes
    }

    /// Quotes from this many different participants at least.
    public static let minimumVoices = 2
}

/// A poll's outcome: each participant's private answers and the statistics over all of them.
public struct SessionPollResult: Sendable, Hashable {
    public let section: Int
    public let poll: GuidePoll
    /// Option indices per participant (a ranking is an order of indices), `samples` answers each.
    public let answers: [PersonaID: [[Int]]]

    public init(section: Int, poll: GuidePoll, answers: [PersonaID: [[Int]]]) {
        self.section = section
        self.poll = poll
        self.answers = answers
    }
}

/// The end of a run: the summary and the themes with their quotes. `partial` when the run stopped early
/// (the USD cap, a cancel, the turn limit).
public struct SessionReport: Sendable, Hashable {
    public let summary: String
    public let themes: [SessionTheme]
    public let partial: Bool

    public init(summary: String, themes: [SessionTheme], partial: Bool) {
        self.summary = summary
        self.themes = themes
        self.partial = partial
    }

    /// What can be reported of a run that stopped early without another call: its themes so far and
    /// the rolling summary.
    public static func partial(state: ConversationState, themes: [SessionTheme]) -> SessionReport {
        let summary =
            state.summary.isEmpty
            ? "The session stopped after \(state.stats.participantTurns) participant turns, before a summary was written."
            : state.summary
        return SessionReport(summary: summary, themes: themes, partial: true)
    }
}
