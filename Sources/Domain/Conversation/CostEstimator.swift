/// The preflight estimate of a run: how many LLM calls of each kind a focus group's settings and guide
/// imply, their tokens per tier, and the dollars at the current model prices. Shown before starting;
/// the run itself is bounded by the USD cap, whatever the estimate said.
public struct CostEstimator: Sendable {
    /// Calls a run makes, by what they are for.
    public enum CallKind: String, Sendable, CaseIterable {
        case participantTurn = "participant_turn"
        case moderatorTurn = "moderator_turn"
        case decision
        case contextFold = "context_fold"
        case themes
        case pollAnswer = "poll_answer"
        case report

        /// Typical tokens of one call, measured on the prompts with a bounded context window.
        var typicalUsage: TokenUsage {
            switch self {
            case .participantTurn: TokenUsage(promptTokens: 2_600, completionTokens: 160)
            case .moderatorTurn: TokenUsage(promptTokens: 2_200, completionTokens: 110)
            case .decision: TokenUsage(promptTokens: 1_400, completionTokens: 60)
            case .contextFold: TokenUsage(promptTokens: 2_000, completionTokens: 350)
            case .themes: TokenUsage(promptTokens: 3_500, completionTokens: 700)
            case .pollAnswer: TokenUsage(promptTokens: 1_500, completionTokens: 30)
            case .report: TokenUsage(promptTokens: 5_000, completionTokens: 1_400)
            }
        }
    }

    public struct Estimate: Sendable, Hashable {
        public let calls: [CallKind: Int]
        public let mainTokens: TokenUsage
        public let miniTokens: TokenUsage
        /// Nil when a model has no price on record.
        public let cost: MicroUSD?
        /// What starting the run is charged in credits.
        public let credits: Credits
        /// The estimate exceeds the run's USD cap: it will likely stop early with a partial report.
        public let exceedsCap: Bool
    }

    public let settings: FocusGroupSettings
    public let participantCount: Int
    public let guide: DiscussionGuide
    public let window: ContextWindow

    public init(
        settings: FocusGroupSettings, participantCount: Int, guide: DiscussionGuide, window: ContextWindow = .standard
    ) {
        self.settings = settings
        self.participantCount = participantCount
        self.guide = guide
        self.window = window
    }

    /// How many calls of each kind a full run makes.
    public var calls: [CallKind: Int] {
        let moderatorTurns = min(settings.maxTurns / 2, guide.items.count + guide.sections.count + 2)
        let participantTurns = max(participantCount, settings.maxTurns - moderatorTurns)
        let messages = moderatorTurns + participantTurns
        let polls = guide.sections.compactMap(\.poll)
        return [
            .participantTurn: participantTurns, .moderatorTurn: moderatorTurns, .decision: participantTurns,
            .contextFold: max(0, messages - window.recentTurns) / window.foldBatch, .themes: guide.sections.count,
            .pollAnswer: polls.reduce(0) { $0 + $1.samples * participantCount }, .report: 1,
        ]
    }

    /// `main` and `mini` price the two tiers (nil when the model has no price); `runCredits` is the charge.
    public func estimate(main: ModelPricing?, mini: ModelPricing?, runCredits: Credits) -> Estimate {
        var mainTokens = TokenUsage.zero
        var miniTokens = TokenUsage.zero
        for (kind, count) in calls {
            let usage = TokenUsage(
                promptTokens: kind.typicalUsage.promptTokens * count,
                completionTokens: kind.typicalUsage.completionTokens * count)
            if tier(of: kind) == .main {
                mainTokens = mainTokens.adding(usage)
            } else {
                miniTokens = miniTokens.adding(usage)
            }
        }
        let cost = main.flatMap { main in mini.map { main.cost(of: mainTokens) + $0.cost(of: miniTokens) } }
        return Estimate(
            calls: calls, mainTokens: mainTokens, miniTokens: miniTokens, cost: cost, credits: runCredits,
            exceedsCap: cost.map { $0 > settings.usdCap } ?? false)
    }

    /// The tier each kind of call runs on (the settings choose for moderator and participants).
    public func tier(of kind: CallKind) -> LLMTier {
        switch kind {
        case .participantTurn, .pollAnswer: settings.personaTier
        case .moderatorTurn: settings.moderatorTier
        case .decision, .contextFold, .themes, .report: .mini
        }
    }
}
