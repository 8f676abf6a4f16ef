/// The moderator's plan for a discussion: an introduction, sections of questions (each with probes and
/// an optional poll), and a closing. Built from JSON with `DiscussionGuide(json:)`, which validates it
/// against `GuideLimits` and assigns the ids.
public struct DiscussionGuide: Sendable, Hashable {
    /// Bumped by every edit or regenerated section, so a client can tell a stale copy.
    public var version: Int
    public var introduction: String
    public var sections: [GuideSection]
    public var closing: String

    public init(version: Int, introduction: String, sections: [GuideSection], closing: String) {
        self.version = version
        self.introduction = introduction
        self.sections = sections
        self.closing = closing
    }

    /// Every question in order, with its position: what the moderator walks through.
    public var items: [GuidePosition] {
        sections.indices.flatMap { section in
            sections[section].questions.indices.map { GuidePosition(section: section, question: $0) }
        }
    }

    public func question(at position: GuidePosition) -> GuideQuestion? {
        guard sections.indices.contains(position.section),
            sections[position.section].questions.indices.contains(position.question)
        else { return nil }
        return sections[position.section].questions[position.question]
    }

    /// The turn budget of every section together.
    public var totalTurnBudget: Int { sections.reduce(0) { $0 + $1.turnBudget } }
}

public struct GuideSection: Sendable, Hashable {
    /// "s1", "s2" … in order.
    public var id: String
    public var title: String
    public var goal: String
    public var minutes: Int
    /// Participant turns the section should take, all questions together.
    public var turnBudget: Int
    public var questions: [GuideQuestion]
    /// Run after the section's questions, when present.
    public var poll: GuidePoll?

    public init(
        id: String, title: String, goal: String, minutes: Int, turnBudget: Int, questions: [GuideQuestion],
        poll: GuidePoll?
    ) {
        self.id = id
        self.title = title
        self.goal = goal
        self.minutes = minutes
        self.turnBudget = turnBudget
        self.questions = questions
        self.poll = poll
    }
}

public struct GuideQuestion: Sendable, Hashable {
    /// "<section id>q<n>": "s2q1".
    public var id: String
    public var text: String
    /// Follow-ups the moderator may use when answers stay shallow.
    public var probes: [String]

    public init(id: String, text: String, probes: [String]) {
        self.id = id
        self.text = text
        self.probes = probes
    }
}

/// A private poll every participant answers (k samples each): a Likert scale, one choice, or a ranking.
public struct GuidePoll: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case likert
        case choice
        case ranking
    }

    /// "<section id>p": "s2p".
    public var id: String
    public var kind: Kind
    public var question: String
    /// Likert: the scale's labels, lowest first (5 or 7). Choice: the options. Ranking: the items to order.
    public var options: [String]
    /// Answers drawn per participant (different seeds), so the result is a distribution.
    public var samples: Int

    public init(id: String, kind: Kind, question: String, options: [String], samples: Int) {
        self.id = id
        self.kind = kind
        self.question = question
        self.options = options
        self.samples = samples
    }
}

/// Where in the guide the discussion is: section and question indices (0-based).
public struct GuidePosition: Sendable, Hashable, Comparable, Codable {
    public let section: Int
    public let question: Int

    public init(section: Int, question: Int) {
        self.section = section
        self.question = question
    }

    public static func < (lhs: GuidePosition, rhs: GuidePosition) -> Bool {
        (lhs.section, lhs.question) < (rhs.section, rhs.question)
    }
}
