/// A poll as exports show it: the question, its statistics (as text lines and as JSON) and each
/// participant's answers as option labels.
public struct ExportPoll: Sendable {
    public struct Answer: Sendable {
        public let personaID: PersonaID
        public let name: String
        /// One entry per sample; a ranking's entry lists every option, most preferred first.
        public let samples: [[String]]

        /// "Agree" or "A > B > C"; samples joined with " | ".
        public var text: String { samples.map { $0.joined(separator: " > ") }.joined(separator: " | ") }
    }

    public let id: String
    public let kind: GuidePoll.Kind
    public let question: String
    public let options: [String]
    public let statistics: [String]
    public let statisticsJSON: JSONValue
    public let answers: [Answer]

    init(_ result: SessionPollResult, participants: SessionSnapshot) {
        let poll = result.poll
        id = poll.id
        kind = poll.kind
        question = poll.question
        options = poll.options
        answers = result.answers.sorted { $0.key.rawValue < $1.key.rawValue }.map { entry in
            Answer(
                personaID: entry.key, name: participants.participant(entry.key)?.name ?? entry.key.rawValue,
                samples: entry.value.map {
                    $0.compactMap { poll.options.indices.contains($0) ? poll.options[$0] : nil }
                })
        }
        (statistics, statisticsJSON) = Self.statistics(of: result)
    }

    private static func statistics(of result: SessionPollResult) -> ([String], JSONValue) {
        let poll = result.poll
        let answers = result.answers.values.flatMap { $0 }
        switch poll.kind {
        case .likert:
            let stats = PollStatistics.likert(options: poll.options, answers: answers.compactMap(\.first))
            let lines =
                [
                    "n = \(stats.answers); mean \(decimal(stats.mean)) of \(poll.options.count) (95% CI \(decimal(stats.interval.low))–\(decimal(stats.interval.high)))"
                ]
                + stats.shares.map(shareLine)
            return (
                lines,
                .object([
                    ("n", .number(Double(stats.answers))), ("mean", .number(stats.mean)),
                    ("mean_ci", interval(stats.interval)), ("shares", .array(stats.shares.map(shareJSON))),
                ])
            )
        case .choice:
            let shares = PollStatistics.choice(options: poll.options, answers: answers.compactMap(\.first))
            return (
                ["n = \(answers.count)"] + shares.map(shareLine),
                .object([("n", .number(Double(answers.count))), ("shares", .array(shares.map(shareJSON)))])
            )
        case .ranking:
            let items = PollStatistics.ranking(options: poll.options, rankings: answers)
            let lines =
                ["n = \(answers.count)"]
                + items.map { "\($0.option): mean rank \(decimal($0.meanRank)), Borda \($0.bordaPoints)" }
            let json = items.map { item -> JSONValue in
                .object([
                    ("option", .string(item.option)), ("mean_rank", .number(item.meanRank)),
                    ("mean_rank_ci", interval(item.interval)), ("borda_points", .number(Double(item.bordaPoints))),
                ])
            }
            return (lines, .object([("n", .number(Double(answers.count))), ("ranking", .array(json))]))
        }
    }

    private static func shareLine(_ share: PollStatistics.Share) -> String {
        "\(share.option): \(share.count) (\(Int((share.proportion * 100).rounded()))%)"
    }

    private static func shareJSON(_ share: PollStatistics.Share) -> JSONValue {
        .object([
            ("option", .string(share.option)), ("count", .number(Double(share.count))),
            ("proportion", .number(share.proportion)), ("ci", interval(share.interval)),
        ])
    }

    private static func interval(_ interval: PollStatistics.Interval) -> JSONValue {
        .array([.number(interval.low), .number(interval.high)])
    }

    private static func decimal(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
