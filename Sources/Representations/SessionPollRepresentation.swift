public import Domain

/// A poll result: the question, `n` answers, and the statistics for its kind.
public enum SessionPollRepresentation {
    public static func json(_ result: SessionPollResult) -> JSONValue {
        let poll = result.poll
        let answers = result.answers.values.flatMap { $0 }
        var members: [(String, JSONValue)] = [
            ("section", .number(Double(result.section))), ("id", .string(poll.id)),
            ("kind", .string(poll.kind.rawValue)),
            ("question", .string(poll.question)), ("options", .array(poll.options.map(JSONValue.string))),
            ("samples", .number(Double(poll.samples))), ("n", .number(Double(answers.count))),
        ]
        switch poll.kind {
        case .likert:
            let stats = PollStatistics.likert(options: poll.options, answers: answers.compactMap(\.first))
            members += [
                ("mean", .number(stats.mean)), ("interval", interval(stats.interval)),
                ("shares", .array(stats.shares.map(share))),
            ]
        case .choice:
            members.append(
                (
                    "shares",
                    .array(
                        PollStatistics.choice(options: poll.options, answers: answers.compactMap(\.first)).map(share))
                ))
        case .ranking:
            members.append(
                (
                    "ranking",
                    .array(
                        PollStatistics.ranking(options: poll.options, rankings: answers).map { item in
                            .object([
                                ("option", .string(item.option)), ("mean_rank", .number(item.meanRank)),
                                ("interval", interval(item.interval)),
                                ("borda_points", .number(Double(item.bordaPoints))),
                            ])
                        })
                ))
        }
        return .object(members)
    }

    private static func share(_ share: PollStatistics.Share) -> JSONValue {
        .object([
            ("option", .string(share.option)), ("count", .number(Double(share.count))),
            ("proportion", .number(share.proportion)), ("interval", interval(share.interval)),
        ])
    }

    private static func interval(_ interval: PollStatistics.Interval) -> JSONValue {
        .array([.number(interval.low), .number(interval.high)])
    }
}
