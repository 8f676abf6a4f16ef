public import Foundation

/// The days a usage report covers: UTC calendar days, both ends included, at most `maximumDays` long.
public struct UsageRange: Sendable, Hashable {
    public let from: CalendarDay
    public let to: CalendarDay

    public static let defaultDays = 30
    public static let maximumDays = 366

    /// Reads the query's `from` and `to` (`YYYY-MM-DD`). A missing end defaults around the other (or
    /// today): the last `defaultDays` days. Throws a field error for a malformed day or a bad range.
    public init(from fromText: String?, to toText: String?, today: CalendarDay) throws {
        let from = try fromText.map { try Self.day($0, field: "from") }
        let to = try toText.map { try Self.day($0, field: "to") }
        switch (from, to) {
        case (let from?, let to?):
            self.from = from
            self.to = to
        case (let from?, nil):
            self.from = from
            self.to = max(from, today)
        case (nil, let to?):
            self.from = to.adding(days: 1 - Self.defaultDays)
            self.to = to
        case (nil, nil):
            self.from = today.adding(days: 1 - Self.defaultDays)
            self.to = today
        }
        guard self.from <= self.to else { throw DomainError.invalid("from", "from must not be after to.") }
        guard dayCount <= Self.maximumDays else {
            throw DomainError.invalid("to", "A usage report covers at most \(Self.maximumDays) days.")
        }
    }

    public var dayCount: Int { from.days(until: to) + 1 }

    /// Every day of the range, in order.
    public var days: [CalendarDay] { (0..<dayCount).map { from.adding(days: $0) } }

    /// From midnight UTC of `from` to midnight UTC after `to` (exclusive).
    public var interval: DateInterval { DateInterval(start: from.start, end: to.adding(days: 1).start) }

    private static func day(_ text: String, field: String) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else {
            throw DomainError.invalid(field, "\(field) must be a date written as YYYY-MM-DD.")
        }
        return day
    }
}
