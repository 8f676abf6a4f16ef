public import Foundation

/// A user's monthly LLM spend against their limit: `spent` is the sum of the costs of the month's usage
/// events, `limit` their override or the default from `app_settings`.
public struct QuotaStatus: Sendable, Hashable {
    public let limit: MicroUSD
    public let spent: MicroUSD
    public let month: QuotaMonth

    public init(limit: MicroUSD, spent: MicroUSD, month: QuotaMonth) {
        self.limit = limit
        self.spent = spent
        self.month = month
    }

    /// What is left this month; zero once the limit is reached (a call that started under the limit may
    /// have finished over it, so `spent` can exceed `limit`).
    public var remaining: MicroUSD { MicroUSD(max(0, limit.value - spent.value)) }

    /// Nothing new may start: the month's spend reached the limit.
    public var isReached: Bool { spent >= limit }

    /// The limit leaves room for work expected to cost `estimate`: not reached, and `spent + estimate`
    /// stays within it.
    public func admits(_ estimate: MicroUSD) -> Bool { !isReached && spent.value + estimate.value <= limit.value }

    /// The same month with `cost` more spent (a call in progress).
    public func adding(_ cost: MicroUSD) -> QuotaStatus { QuotaStatus(limit: limit, spent: spent + cost, month: month) }

    /// The 402 when the limit is reached, else nil.
    public var refusal: DomainError? { isReached ? exceeded : nil }

    /// When the spend starts again from zero: midnight UTC on the first day of the next month.
    public var resetsAt: Date { month.end }

    /// The 402 once the limit is reached; the message names the limit and when it resets.
    public var exceeded: DomainError {
        DomainError(
            .quotaExceeded,
            "You have reached your monthly AI usage limit of \(Self.display(limit)). It resets on "
                + "\(month.next.firstDay) (UTC).",
            detail: "spent \(spent.dollars) of \(limit.dollars) in \(month)")
    }

    /// The 402 for work whose `estimate` the remaining room does not cover.
    public func exceeded(estimate: MicroUSD) -> DomainError {
        guard !isReached else { return exceeded }
        return DomainError(
            .quotaExceeded,
            "This is estimated to cost \(Self.display(estimate)), more than the \(Self.display(remaining)) left of "
                + "your monthly AI usage limit of \(Self.display(limit)). The limit resets on \(month.next.firstDay) (UTC).",
            detail: "spent \(spent.dollars) of \(limit.dollars) in \(month); estimate \(estimate.dollars)")
    }

    /// "$50.00", or every decimal the amount needs ("$0.001234").
    static func display(_ amount: MicroUSD) -> String {
        var text = amount.dollars
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 {
            text.removeLast()
        }
        return "$" + text
    }
}
