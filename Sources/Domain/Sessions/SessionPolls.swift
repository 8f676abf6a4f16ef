/// Reading a participant's private poll answer, and the poll results as the report shows them.
public enum SessionPolls {
    /// `{"answer": [n…]}` with 1-based option numbers → 0-based indices; nil when it does not fit the poll
    /// (likert/choice: exactly one valid option; ranking: every option once).
    public static func answer(_ json: JSONValue?, poll: GuidePoll) -> [Int]? {
        guard let numbers = json?["answer"]?.arrayValue?.compactMap(\.intValue) else { return nil }
        let indices = numbers.map { $0 - 1 }
        switch poll.kind {
        case .likert, .choice:
            guard indices.count == 1, poll.options.indices.contains(indices[0]) else { return nil }
        case .ranking:
            guard indices.count == poll.options.count, Set(indices) == Set(poll.options.indices) else { return nil }
        }
        return indices
    }

    /// One line per poll for the report prompt: "Q (likert): mean 3.8 of 5; Likely 40%, …".
    public static func summaryText(_ polls: [SessionPollResult]) -> String {
        polls.map { result in
            let answers = result.answers.values.flatMap { $0 }
            switch result.poll.kind {
            case .likert:
                let stats = PollStatistics.likert(options: result.poll.options, answers: answers.compactMap(\.first))
                let shares = stats.shares.map { "\($0.option) \(Int(($0.proportion * 100).rounded()))%" }
                return "\(result.poll.question) (likert, n=\(stats.answers)): mean \(rounded(stats.mean)) of "
                    + "\(result.poll.options.count); " + shares.joined(separator: ", ")
            case .choice:
                let shares = PollStatistics.choice(options: result.poll.options, answers: answers.compactMap(\.first))
                return "\(result.poll.question) (choice, n=\(answers.count)): "
                    + shares.map { "\($0.option) \(Int(($0.proportion * 100).rounded()))%" }.joined(separator: ", ")
            case .ranking:
                let items = PollStatistics.ranking(options: result.poll.options, rankings: answers)
                return "\(result.poll.question) (ranking, n=\(answers.count)): "
                    + items.map { "\($0.option) (mean rank \(rounded($0.meanRank)))" }.joined(separator: ", ")
            }
        }.joined(separator: "\n")
    }

    private static func rounded(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
