import Domain
import Testing

struct TurnPolicyTests {
    static let group = (1...6).map { PersonaID("p\($0)") }

    /// Runs `turns` participant turns with the same proposal every time; returns the speakers in order.
    static func simulate(
        _ mode: TurnTakingMode, turns: Int, questionEvery: Int = 8,
        proposal: (SpeakingStats) -> TurnPolicy.Proposal
    ) -> [PersonaID] {
        let policy = TurnPolicy(participants: group, mode: mode)
        var stats = SpeakingStats(participants: group)
        var speakers: [PersonaID] = []
        for turn in 0..<turns {
            if turn % questionEvery == 0 { stats.startQuestion() }
            guard let next = policy.next(stats: stats, mention: nil, proposal: proposal(stats)) else { break }
            stats.record(next)
            speakers.append(next)
        }
        return speakers
    }

    static func assertFair(_ speakers: [PersonaID]) {
        #expect(zip(speakers, speakers.dropFirst()).allSatisfy { $0 != $1 }, "someone spoke twice in a row")
        #expect(Set(speakers) == Set(group), "someone was never heard")
        let fairShare = Double(speakers.count) / Double(group.count)
        let most = group.map { persona in speakers.filter { $0 == persona }.count }.max() ?? 0
        #expect(Double(most) <= fairShare * TurnPolicy.dominanceFactor + 1, "someone dominated")
    }

    @Test(arguments: TurnTakingMode.allCases)
    func aModelThatAlwaysPicksTheSamePersonaCannotMakeThemDominate(_ mode: TurnTakingMode) {
        let speakers = Self.simulate(mode, turns: 60) { _ in
            mode == .desireBased
                ? .desires(Dictionary(uniqueKeysWithValues: Self.group.map { ($0, $0 == Self.group[0] ? 1 : 0) }))
                : .addressed(Self.group[0])
        }
        Self.assertFair(speakers)
    }

    @Test func roundRobinGoesInOrder() {
        let speakers = Self.simulate(.roundRobin, turns: 12, questionEvery: 100) { _ in .none }
        #expect(speakers == Self.group + Self.group)
    }

    @Test func moderatorDirectedFollowsTheDecisionWhenItIsFair() throws {
        let policy = TurnPolicy(participants: Self.group, mode: .moderatorDirected)
        var stats = SpeakingStats(participants: Self.group)
        stats.record(Self.group[0])
        #expect(policy.next(stats: stats, mention: nil, proposal: .addressed(Self.group[3])) == Self.group[3])
        // The last speaker is never picked twice in a row.
        #expect(policy.next(stats: stats, mention: nil, proposal: .addressed(Self.group[0])) != Self.group[0])
    }

    @Test func aMentionIsAlwaysHonoured() {
        let policy = TurnPolicy(participants: Self.group, mode: .roundRobin)
        var stats = SpeakingStats(participants: Self.group)
        stats.record(Self.group[2])
        #expect(policy.next(stats: stats, mention: Self.group[2], proposal: .none) == Self.group[2])
        #expect(policy.next(stats: stats, mention: PersonaID("stranger"), proposal: .none) == Self.group[3])
    }

    @Test func aPersonaNotHeardOnTheQuestionIsBroughtIn() {
        let policy = TurnPolicy(participants: Array(Self.group.prefix(3)), mode: .moderatorDirected)
        var stats = SpeakingStats(participants: Array(Self.group.prefix(3)))
        for persona in [Self.group[0], Self.group[1], Self.group[0], Self.group[1]] { stats.record(persona) }
        #expect(policy.next(stats: stats, mention: nil, proposal: .addressed(Self.group[0])) == Self.group[2])
    }

    @Test func desireBasedPrefersTheKeenestAmongTheFair() {
        let policy = TurnPolicy(participants: Self.group, mode: .desireBased)
        let stats = SpeakingStats(participants: Self.group)
        let desires = Dictionary(uniqueKeysWithValues: Self.group.enumerated().map { ($1, Double($0) / 10) })
        #expect(policy.next(stats: stats, mention: nil, proposal: .desires(desires)) == Self.group[5])
    }
}
