/// The administrators' Analytics area (GET /api/admin/analytics, audited as `view_analytics`): signups,
/// active users, personas, sessions, Stripe revenue, LLM spend and margin per UTC day over the last `days`
/// days (today included), and the top spenders. Reads through `ActivityHistory` one row at a time.
public struct BusinessAnalytics: Sendable {
    public static let defaultDays = 30

    private let history: any ActivityHistory
    private let audit: any AdminAuditLog
    private let clock: any Clock

    public init(history: any ActivityHistory, audit: any AdminAuditLog, clock: any Clock) {
        self.history = history
        self.audit = audit
        self.clock = clock
    }

    /// `days` as the query gave it: an integer 1…366, or absent for `defaultDays`.
    public func report(by actor: User, days text: String?) throws -> BusinessAnalyticsReport {
        try UserAdministration.requireAdmin(actor)
        let range = try Self.range(days: text, today: CalendarDay(containing: clock.now))
        var report = BusinessAnalyticsReport(range: range)
        try history.visitUsageEvents(in: range.interval) { report.add($0) }
        try history.visitBusinessEvents(in: range.interval) { report.add($0) }
        report.emails = try history.emails(of: report.topUserIDs)
        try audit.record(
            NewAdminAuditEntry(
                adminID: actor.id, action: .viewAnalytics, targetUserID: nil,
                details: ["from": range.from.description, "to": range.to.description], at: clock.now))
        return report
    }

    static func range(days text: String?, today: CalendarDay) throws -> UsageRange {
        let count = try text.map { text in
            guard let days = Int(text), (1...UsageRange.maximumDays).contains(days) else {
                throw DomainError.invalid("days", "days must be a whole number from 1 to \(UsageRange.maximumDays).")
            }
            return days
        }
        let from = today.adding(days: 1 - (count ?? defaultDays))
        return try UsageRange(from: from.description, to: today.description, today: today)
    }
}
