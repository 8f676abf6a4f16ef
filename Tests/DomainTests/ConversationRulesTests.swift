import Domain
import Testing

struct ContextWindowTests {
    static func transcript(_ count: Int, length: Int = 400) -> [TranscriptLine] {
        (1...count).map {
            TranscriptLine(
                seq: $0, speaker: .moderator, speakerName: "Moderator",
                text: String(repeating: "word ", count: length / 5))
        }
    }

    /// Runs a session of `turns` messages, folding whenever the window asks; returns the transcript
    /// characters of each turn's prompt.
    static func promptSizes(turns: Int, window: ContextWindow = .standard) -> [Int] {
        var summarizedThrough = 0
        var summary = ""
        var sizes: [Int] = []
        let all = transcript(turns, length: 2_000)
        for turn in 1...turns {
            let so = Array(all.prefix(turn))
            let fold = window.linesToFold(so, summarizedThrough: summarizedThrough)
            if let last = fold.last {
                summary = window.boundedSummary(summary + String(repeating: "s", count: 900))
                summarizedThrough = last.seq
            }
            sizes.append(summary.count + window.visibleLines(so, summarizedThrough: summarizedThrough).joined().count)
        }
        return sizes
    }

    @Test func promptSizeStaysBoundedHoweverLongTheSessionRuns() {
        let sizes = Self.promptSizes(turns: 200)
        let bound = ContextWindow.standard.maximumCharacters
        #expect(sizes.allSatisfy { $0 <= bound })
        #expect(sizes[59] <= sizes[29] * 13 / 10, "turn 60's prompt grew past turn 30's")
        #expect(sizes[199] <= bound)
    }

    @Test func nothingIsFoldedWhileTheWindowFits() {
        let window = ContextWindow.standard
        let lines = Self.transcript(window.recentTurns + window.foldBatch)
        #expect(window.linesToFold(lines, summarizedThrough: 0).isEmpty)
        let more = Self.transcript(window.recentTurns + window.foldBatch + 1)
        #expect(window.linesToFold(more, summarizedThrough: 0).map(\.seq) == Array(1...(window.foldBatch + 1)))
    }

    @Test func longLinesAndSummariesAreCut() {
        let window = ContextWindow(
            recentTurns: 2, foldBatch: 2, maximumLineCharacters: 20, maximumSummaryCharacters: 300)
        let line = TranscriptLine(seq: 7, speaker: .human, speakerName: "You", text: String(repeating: "x", count: 50))
        #expect(
            window.visibleLines([line], summarizedThrough: 0) == ["[7] You: " + String(repeating: "x", count: 19) + "…"]
        )
        let summary = String(repeating: "A sentence here. ", count: 40)
        let bounded = window.boundedSummary(summary)
        #expect(bounded.count <= 300 && bounded.hasSuffix("."))
    }
}

struct QualityGateTests {
    let gate = QualityGate()
    let earlier = [
        TranscriptLine(
            seq: 4, speaker: .participant(PersonaID("a")), speakerName: "Maya Chen",
            text: "Honestly I would never pay twelve euros a week for a box of vegetables I could buy myself.")
    ]

    @Test func aFreshInCharacterTurnIsAcceptedWithoutItsOwnNamePrefix() {
        let verdict = gate.check(
            "Tom: I'd try it once if the recipes were quick.", speakerName: "Tom Berger",
            otherNames: ["Maya Chen", "Moderator"], earlier: earlier)
        #expect(verdict == .accept("I'd try it once if the recipes were quick."))
    }

    @Test func aNearRepeatIsRegenerated() {
        let verdict = gate.check(
            "Honestly I would never pay twelve euros a week for a box of vegetables I could buy myself!",
            speakerName: "Tom Berger", otherNames: ["Maya Chen"], earlier: earlier)
        guard case .regenerate(.nearRepeat(let seq, let similarity)) = verdict else {
            Issue.record("expected a near-repeat, got \(verdict)")
            return
        }
        #expect(seq == 4 && similarity >= QualityGate.repeatThreshold)
    }

    @Test(arguments: [
        "As an AI, I don't really eat dinner.", "I'm an AI language model and cannot have preferences.",
        "I don't have personal opinions, but many people like it.",
    ])
    func breakingCharacterIsRegenerated(_ text: String) {
        let verdict = gate.check(text, speakerName: "Tom Berger", otherNames: [], earlier: [])
        guard case .regenerate(.brokeCharacter) = verdict else {
            Issue.record("expected broke character, got \(verdict)")
            return
        }
    }

    @Test func scriptingAnotherParticipantIsRegenerated() {
        let verdict = gate.check(
            "I like it.\nMaya: Me too, it's great.", speakerName: "Tom Berger", otherNames: ["Maya Chen"],
            earlier: [])
        #expect(verdict == .regenerate(.spokeForOthers("Maya Chen")))
    }

    @Test func anEmptyTurnIsRegenerated() {
        #expect(gate.check("  Tom:  ", speakerName: "Tom", otherNames: [], earlier: []) == .regenerate(.empty))
    }
}

struct PollStatisticsTests {
    @Test func likertHasTheDistributionMeanAndATInterval() {
        let result = PollStatistics.likert(options: ["1", "2", "3", "4", "5"], answers: [3, 4, 4, 2, 3, 4, 9])
        #expect(result.answers == 6)
        #expect(result.shares.map(\.count) == [0, 0, 1, 2, 3])
        #expect(abs(result.mean - 4.333) < 0.001)
        // s = 0.8165, t(5) = 2.571 → half-width 0.857
        #expect(abs(result.interval.low - 3.476) < 0.01 && abs(result.interval.high - 5.190) < 0.01)
    }

    @Test func choiceSharesHaveWilsonIntervals() {
        let shares = PollStatistics.choice(options: ["A", "B"], answers: [0, 0, 0, 1])
        #expect(shares[0].proportion == 0.75)
        // Wilson 95% for 3/4: 0.301 … 0.954
        #expect(abs(shares[0].interval.low - 0.301) < 0.002 && abs(shares[0].interval.high - 0.954) < 0.002)
        #expect(PollStatistics.choice(options: ["A"], answers: []).first?.interval.high == 0)
    }

    @Test func rankingOrdersByMeanRankWithBordaPoints() {
        let items = PollStatistics.ranking(
            options: ["Price", "Taste", "Speed"], rankings: [[1, 0, 2], [1, 2, 0], [0, 1, 2], [1, 1, 2]])
        #expect(items.map(\.option) == ["Taste", "Price", "Speed"])
        #expect(items.first?.bordaPoints == 5)
        #expect(abs((items.first?.meanRank ?? 0) - 1.333) < 0.001)
    }
}

struct CostEstimatorTests {
    static func guide() throws -> DiscussionGuide {
        let section = JSONValue.object([
            ("title", .string("T")), ("goal", .string("")), ("minutes", .number(10)), ("turn_budget", .number(10)),
            ("questions", .array([.object([("text", .string("Q?"))]), .object([("text", .string("R?"))])])),
            (
                "poll",
                .object([
                    ("kind", .string("choice")), ("question", .string("Which?")),
                    ("options", .array([.string("A"), .string("B")])), ("samples", .number(2)),
                ])
            ),
        ])
        return try DiscussionGuide(
            json: .object([
                ("introduction", .string("Hi")), ("sections", .array([section, section, section])),
                ("closing", .string("Bye")),
            ]), version: 1)
    }

    @Test func callsFollowTheSettingsAndGuide() throws {
        let estimator = CostEstimator(settings: .standard, participantCount: 6, guide: try Self.guide())
        let calls = estimator.calls
        #expect(calls[.moderatorTurn] == 6 + 3 + 2)
        #expect(calls[.participantTurn] == 60 - 11 && calls[.decision] == 49)
        #expect(calls[.pollAnswer] == 3 * 2 * 6 && calls[.themes] == 3 && calls[.report] == 1)
    }

    @Test func dollarsArePricedPerTierAndComparedWithTheCap() throws {
        var settings = FocusGroupSettings.standard
        settings.usdCap = MicroUSD(100_000)
        let estimator = CostEstimator(settings: settings, participantCount: 6, guide: try Self.guide())
        let main = ModelPricing(
            model: "main", inputPerMillion: MicroUSD(2_000_000), outputPerMillion: MicroUSD(8_000_000))
        let mini = ModelPricing(
            model: "mini", inputPerMillion: MicroUSD(400_000), outputPerMillion: MicroUSD(1_600_000))
        let estimate = estimator.estimate(main: main, mini: mini, runCredits: Credits(40))
        #expect(estimate.cost == main.cost(of: estimate.mainTokens) + mini.cost(of: estimate.miniTokens))
        #expect(estimate.exceedsCap && estimate.credits == Credits(40))
        #expect(estimator.estimate(main: main, mini: nil, runCredits: Credits(40)).cost == nil)
    }
}
