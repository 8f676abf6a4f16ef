/// How often and how recently each participant has spoken: what keeps turn-taking fair.
public struct SpeakingStats: Sendable, Hashable, Codable {
    /// Participant turns per persona over the whole session.
    public private(set) var turns: [PersonaID: Int]
    /// Participant turns per persona since the current question was asked.
    public private(set) var turnsOnQuestion: [PersonaID: Int]
    /// The participant turn number at which each persona last spoke (1-based; absent = never).
    public private(set) var lastSpokeAt: [PersonaID: Int]
    /// Participant turns so far.
    public private(set) var participantTurns: Int

    public init(participants: [PersonaID]) {
        turns = Dictionary(uniqueKeysWithValues: participants.map { ($0, 0) })
        turnsOnQuestion = turns
        lastSpokeAt = [:]
        participantTurns = 0
    }

    public mutating func record(_ persona: PersonaID) {
        participantTurns += 1
        turns[persona, default: 0] += 1
        turnsOnQuestion[persona, default: 0] += 1
        lastSpokeAt[persona] = participantTurns
    }

    public mutating func startQuestion() {
        for key in turnsOnQuestion.keys { turnsOnQuestion[key] = 0 }
    }

    /// Participant turns since `persona` last spoke (`participantTurns` + 1 when never).
    public func silence(of persona: PersonaID) -> Int {
        participantTurns - (lastSpokeAt[persona] ?? -1)
    }

    /// The persona who spoke last, if any.
    public var lastSpeaker: PersonaID? {
        lastSpokeAt.max { $0.value < $1.value }?.key
    }
}
