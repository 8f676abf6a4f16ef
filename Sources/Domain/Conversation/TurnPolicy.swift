/// Picks the next participant to speak, in every turn-taking mode, with the fairness rules that hold in
/// all of them: an @mention is always honoured; nobody speaks twice in a row; nobody takes much more than
/// their share; and anyone silent for too long is brought in. Pure: the model's suggestion (moderator-
/// directed) or wishes to speak (desire-based) come in as values.
public struct TurnPolicy: Sendable {
    public let participants: [PersonaID]
    public let mode: TurnTakingMode

    /// A persona's turns may exceed a fair share by this factor (plus one turn) before they are held back.
    public static let dominanceFactor = 1.5
    /// A persona silent for this many rounds (participant count × rounds) is given the next turn.
    public static let silenceRounds = 2

    public init(participants: [PersonaID], mode: TurnTakingMode) {
        self.participants = participants
        self.mode = mode
    }

    /// What the mode's own step proposes.
    public enum Proposal: Sendable, Hashable {
        case none
        /// Moderator-directed: the persona the decision step named.
        case addressed(PersonaID)
        /// Desire-based: each persona's wish to speak, 0…1.
        case desires([PersonaID: Double])
    }

    public func next(stats: SpeakingStats, mention: PersonaID?, proposal: Proposal) -> PersonaID? {
        if let mention, participants.contains(mention) { return mention }
        guard !participants.isEmpty else { return nil }
        let candidates = eligible(stats)
        if let silent = longestSilent(among: candidates.filter { isNeglected($0, stats) }, stats) { return silent }
        switch (mode, proposal) {
        case (.moderatorDirected, .addressed(let persona)) where candidates.contains(persona):
            return persona
        case (.desireBased, .desires(let desires)):
            return candidates.max { left, right in
                let leftScore = score(left, desires, stats)
                let rightScore = score(right, desires, stats)
                if leftScore != rightScore { return leftScore < rightScore }
                return stats.silence(of: left) < stats.silence(of: right)
            }
        case (.roundRobin, _):
            return nextInOrder(after: stats.lastSpeaker, among: candidates)
        default:
            return longestSilent(among: candidates, stats)
        }
    }

    /// Everyone except the last speaker and anyone over their share; everyone but the last speaker when
    /// that leaves nobody.
    func eligible(_ stats: SpeakingStats) -> [PersonaID] {
        let notLast = participants.count > 1 ? participants.filter { $0 != stats.lastSpeaker } : participants
        let fairShare = Double(stats.participantTurns + 1) / Double(participants.count)
        let withinShare = notLast.filter {
            Double(stats.turns[$0] ?? 0) < fairShare * Self.dominanceFactor + 1
        }
        return withinShare.isEmpty ? notLast : withinShare
    }

    /// Silent for `silenceRounds` rounds, or not yet heard on this question while someone has spoken twice.
    func isNeglected(_ persona: PersonaID, _ stats: SpeakingStats) -> Bool {
        if stats.silence(of: persona) > participants.count * Self.silenceRounds { return true }
        let mostOnQuestion = stats.turnsOnQuestion.values.max() ?? 0
        return (stats.turnsOnQuestion[persona] ?? 0) == 0 && mostOnQuestion >= 2
    }

    private func score(_ persona: PersonaID, _ desires: [PersonaID: Double], _ stats: SpeakingStats) -> Double {
        let desire = min(max(desires[persona] ?? 0, 0), 1)
        return desire - 0.15 * Double(stats.turnsOnQuestion[persona] ?? 0)
    }

    private func longestSilent(among candidates: [PersonaID], _ stats: SpeakingStats) -> PersonaID? {
        // `max` keeps the first of equals, so ties go to the earlier participant in the group's order.
        candidates.enumerated().max { left, right in
            let (leftSilence, rightSilence) = (stats.silence(of: left.element), stats.silence(of: right.element))
            return leftSilence != rightSilence ? leftSilence < rightSilence : left.offset > right.offset
        }?.element
    }

    private func nextInOrder(after last: PersonaID?, among candidates: [PersonaID]) -> PersonaID? {
        guard let last, let start = participants.firstIndex(of: last) else { return candidates.first }
        for step in 1...participants.count {
            let persona = participants[(start + step) % participants.count]
            if candidates.contains(persona) { return persona }
        }
        return candidates.first
    }
}
