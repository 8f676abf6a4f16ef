/// Everything a run needs to go on after any turn: where in the guide it is, who has spoken, what the
/// researcher asked for, the rolling summary and the money spent. Persisted after every message, so a
/// runner killed at any moment resumes exactly there (and a fork starts from a message's copy of it).
public struct ConversationState: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Codable {
        /// The moderator has not opened yet.
        case opening
        /// Questions are being discussed at `position`.
        case discussing
        /// The moderator is closing, then the report is written.
        case closing
        case reporting
        case done
    }

    /// Who moderates: the AI, or the researcher after taking over.
    public enum Control: String, Sendable, Codable {
        case ai
        case human
    }

    public enum EndReason: String, Sendable, Codable {
        case completed
        /// `settings.maxTurns` messages were reached; the moderator closed early.
        case maxTurns = "max_turns"
        /// The run's USD cap was reached: the report is partial.
        case usdCap = "usd_cap"
    }

    /// What the decision step (mini tier) said before the next participant turn.
    public struct Decision: Sendable, Hashable, Codable {
        public var addressed: PersonaID?
        public var desires: [PersonaID: Double]
        /// The current question has been answered enough.
        public var questionExhausted: Bool
        /// Answers are thin: the moderator should use a probe.
        public var probe: Bool

        public init(addressed: PersonaID?, desires: [PersonaID: Double], questionExhausted: Bool, probe: Bool) {
            self.addressed = addressed
            self.desires = desires
            self.questionExhausted = questionExhausted
            self.probe = probe
        }
    }

    public var phase: Phase
    /// The guide question under discussion; `(sections.count, 0)` once the guide is done.
    public var position: GuidePosition
    /// The moderator has asked the question at `position`.
    public var asked: Bool
    public var probesUsed: Int
    public var stats: SpeakingStats
    public var control: Control
    /// A persona the researcher @mentioned: they answer next.
    public var pendingMention: PersonaID?
    /// The seq of a researcher's interjection the moderator has not acknowledged yet.
    public var pendingInterjection: Int?
    /// The researcher handed back: the moderator acknowledges the takeover and goes on.
    public var handBackPending: Bool
    /// Under human control: participant replies still due to the researcher's last message.
    public var repliesDue: Int
    public var decision: Decision?
    /// Sections (indices) whose poll has run.
    public var pollsRun: [Int]
    /// Sections whose themes have been extracted.
    public var sectionsThemed: Int
    public var summary: String
    public var summarizedThrough: Int
    /// The seq the next message gets (messages are numbered from 1).
    public var nextSeq: Int
    /// Moderator and participant messages so far (what `maxTurns` counts).
    public var turns: Int
    public var spent: MicroUSD
    public var promptTokens: Int
    public var completionTokens: Int
    public var endReason: EndReason?
    /// The id of the last researcher command carried out, saved with its effect: a runner that dies before
    /// marking the command done does not carry it out twice.
    public var lastCommand: String?

    public init(participants: [PersonaID]) {
        phase = .opening
        position = GuidePosition(section: 0, question: 0)
        asked = false
        probesUsed = 0
        stats = SpeakingStats(participants: participants)
        control = .ai
        pendingMention = nil
        pendingInterjection = nil
        handBackPending = false
        repliesDue = 0
        decision = nil
        pollsRun = []
        sectionsThemed = 0
        summary = ""
        summarizedThrough = 0
        nextSeq = 1
        turns = 0
        spent = .zero
        promptTokens = 0
        completionTokens = 0
        endReason = nil
        lastCommand = nil
    }

    /// Adds one LLM call's usage to the run's totals.
    public mutating func charge(_ usage: TokenUsage, cost: MicroUSD) {
        promptTokens += usage.promptTokens
        completionTokens += usage.completionTokens
        spent = spent + cost
    }
}
