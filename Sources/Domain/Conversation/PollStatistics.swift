import Foundation

/// A poll's answers as distributions with 95% confidence intervals. Every participant answers privately
/// `samples` times, so n = participants × samples (answers that could not be read are left out).
public enum PollStatistics {
    /// An interval around an estimate.
    public struct Interval: Sendable, Hashable {
        public let low: Double
        public let high: Double
    }

    /// One option's share (choice, likert) with its Wilson interval.
    public struct Share: Sendable, Hashable {
        public let option: String
        public let count: Int
        public let proportion: Double
        public let interval: Interval
    }

    /// Likert: the distribution over the scale, and the mean score (1 = first label) with a t interval.
    public struct Likert: Sendable, Hashable {
        public let shares: [Share]
        public let mean: Double
        public let interval: Interval
        public let answers: Int
    }

    /// Ranking: each item's mean rank (1 = first) with a t interval, best first, and its Borda points.
    public struct RankedItem: Sendable, Hashable {
        public let option: String
        public let meanRank: Double
        public let interval: Interval
        public let bordaPoints: Int
    }

    /// `answers` are option indices (0-based).
    public static func likert(options: [String], answers: [Int]) -> Likert {
        let valid = answers.filter { options.indices.contains($0) }
        let scores = valid.map { Double($0 + 1) }
        let (mean, interval) = meanWithInterval(scores)
        return Likert(
            shares: shares(options: options, answers: valid), mean: mean, interval: interval, answers: valid.count)
    }

    /// `answers` are option indices (0-based).
    public static func choice(options: [String], answers: [Int]) -> [Share] {
        shares(options: options, answers: answers.filter { options.indices.contains($0) })
    }

    /// `rankings` are orders of option indices, most preferred first; incomplete or repeated ones are left out.
    public static func ranking(options: [String], rankings: [[Int]]) -> [RankedItem] {
        let complete = rankings.filter { Set($0) == Set(options.indices) && $0.count == options.count }
        return options.indices.map { option in
            let ranks = complete.compactMap { order in order.firstIndex(of: option).map { Double($0 + 1) } }
            let (mean, interval) = meanWithInterval(ranks)
            let points = complete.reduce(0) { total, order in
                total + options.count - 1 - (order.firstIndex(of: option) ?? 0)
            }
            return RankedItem(option: options[option], meanRank: mean, interval: interval, bordaPoints: points)
        }.sorted { $0.meanRank != $1.meanRank ? $0.meanRank < $1.meanRank : $0.option < $1.option }
    }

    static func shares(options: [String], answers: [Int]) -> [Share] {
        options.indices.map { option in
            let count = answers.filter { $0 == option }.count
            return Share(
                option: options[option], count: count,
                proportion: answers.isEmpty ? 0 : Double(count) / Double(answers.count),
                interval: wilson(successes: count, trials: answers.count))
        }
    }

    /// Wilson score interval at 95%: well-behaved for small n and proportions near 0 or 1.
    static func wilson(successes: Int, trials: Int) -> Interval {
        guard trials > 0 else { return Interval(low: 0, high: 0) }
        let z = 1.959964
        let n = Double(trials)
        let p = Double(successes) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
        return Interval(low: max(0, centre - half), high: min(1, centre + half))
    }

    /// The mean and its 95% interval with Student's t (n − 1 degrees of freedom); one value gives a
    /// zero-width interval, none gives zeros.
    static func meanWithInterval(_ values: [Double]) -> (Double, Interval) {
        guard !values.isEmpty else { return (0, Interval(low: 0, high: 0)) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return (mean, Interval(low: mean, high: mean)) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = tCritical(degreesOfFreedom: values.count - 1) * sqrt(variance / n)
        return (mean, Interval(low: mean - half, high: mean + half))
    }

    /// Two-sided 95% critical values of Student's t.
    static func tCritical(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return df <= 60 ? 2.000 : df <= 120 ? 1.980 : 1.960
    }
}
