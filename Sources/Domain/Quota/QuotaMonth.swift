public import Foundation

/// A UTC calendar month ("2026-11"): the period a monthly spend limit covers. It starts at midnight UTC on
/// its first day and ends (exclusive) when the next month starts, whatever the user's time zone.
public struct QuotaMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The month's first day.
    public let firstDay: CalendarDay

    /// The UTC month `date` falls in.
    public init(containing date: Date) {
        let day = CalendarDay(containing: date)
        firstDay = day.adding(days: 1 - day.day)
    }

    public var year: Int { firstDay.year }
    public var month: Int { firstDay.month }

    /// Midnight UTC on the first day.
    public var start: Date { firstDay.start }

    /// The month after this one (31 days after any first day is always in the next month).
    public var next: QuotaMonth { QuotaMonth(containing: firstDay.adding(days: 31).start) }

    /// When this month's spend stops counting: midnight UTC on the next month's first day.
    public var end: Date { next.start }

    /// `YYYY-MM`.
    public var description: String { String(firstDay.description.prefix(7)) }

    public static func < (lhs: QuotaMonth, rhs: QuotaMonth) -> Bool { lhs.firstDay < rhs.firstDay }
}
