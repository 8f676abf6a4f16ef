import Foundation

/// A user's LLM usage and credit movements over a `UsageRange`, with the breakdowns the My Usage page
/// shows. Pure: built from the range's usage events and ledger entries, so every figure is an exact sum
/// of stored rows.
public struct UsageReport: Sendable {
    /// Credits over the range: `added` (positive entries) and `used` (negative entries, as a positive
    /// number); `balance` is the balance now.
    public struct CreditMovement: Sendable, Hashable {
        public let balance: Credits
        public let added: Credits
        public let used: Credits
    }

    public let range: UsageRange
    public let totals: UsageFigures
    /// Every day of the range, zero-filled, in order.
    public let byDay: [(day: CalendarDay, figures: UsageFigures)]
    /// Only what was used; most expensive first, then by name.
    public let byFeature: [(feature: LLMFeature, figures: UsageFigures)]
    public let byModel: [(model: String, figures: UsageFigures)]
    /// Most expensive first, at most `maximumObjects`; nil is calls with no object.
    public let byObject: [(object: String?, figures: UsageFigures)]
    public let credits: CreditMovement

    public static let maximumObjects = 100

    /// `events` and `ledger` outside the range are ignored.
    public init(range: UsageRange, events: [UsageEvent], ledger: [LedgerEntry], balance: Credits) {
        self.range = range
        let interval = range.interval
        let inRange = events.filter { interval.start <= $0.createdAt && $0.createdAt < interval.end }
        var totals = UsageFigures()
        var days: [CalendarDay: UsageFigures] = [:]
        var features: [LLMFeature: UsageFigures] = [:]
        var models: [String: UsageFigures] = [:]
        var objects: [String?: UsageFigures] = [:]
        for event in inRange {
            totals.add(event)
            days[CalendarDay(containing: event.createdAt), default: UsageFigures()].add(event)
            features[event.feature, default: UsageFigures()].add(event)
            models[event.model, default: UsageFigures()].add(event)
            objects[event.objectReference, default: UsageFigures()].add(event)
        }
        self.totals = totals
        byDay = range.days.map { ($0, days[$0] ?? UsageFigures()) }
        byFeature = Self.ranked(features, name: \.rawValue).map { (feature: $0.key, figures: $0.figures) }
        byModel = Self.ranked(models, name: { $0 }).map { (model: $0.key, figures: $0.figures) }
        byObject = Self.ranked(objects, name: { $0 ?? "" }).prefix(Self.maximumObjects)
            .map { (object: $0.key, figures: $0.figures) }
        let movements = ledger.filter { interval.start <= $0.createdAt && $0.createdAt < interval.end }.map(\.amount)
        credits = CreditMovement(
            balance: balance, added: Credits(movements.filter { $0.value > 0 }.reduce(0) { $0 + $1.value }),
            used: Credits(movements.filter { $0.value < 0 }.reduce(0) { $0 - $1.value }))
    }

    /// Most expensive first; ties by most tokens, then by name, so the order is stable.
    static func ranked<Key>(_ groups: [Key: UsageFigures], name: (Key) -> String)
        -> [(key: Key, figures: UsageFigures)]
    {
        groups.map { (key: $0.key, figures: $0.value) }.sorted { left, right in
            if left.figures.cost != right.figures.cost { return left.figures.cost > right.figures.cost }
            if left.figures.totalTokens != right.figures.totalTokens {
                return left.figures.totalTokens > right.figures.totalTokens
            }
            return name(left.key) < name(right.key)
        }
    }
}
