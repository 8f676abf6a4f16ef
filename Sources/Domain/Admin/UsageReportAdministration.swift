/// The administrators' Usage area: every user's LLM usage over a range of UTC days (GET
/// /api/admin/usage, audited as `view_usage`) and its CSV download (audited as `export_usage`). Reads
/// the events through `ActivityHistory` one at a time and keeps only the sums.
public struct UsageReportAdministration: Sendable {
    private let history: any ActivityHistory
    private let audit: any AdminAuditLog
    private let clock: any Clock

    public init(history: any ActivityHistory, audit: any AdminAuditLog, clock: any Clock) {
        self.history = history
        self.audit = audit
        self.clock = clock
    }

    /// `from` and `to` as the query gave them (`YYYY-MM-DD` or absent: the last 30 days).
    public func report(by actor: User, from: String?, to: String?) throws -> UsageReportTally {
        try tally(by: actor, from: from, to: to, recordedAs: .viewUsage)
    }

    /// The same figures, for the CSV download.
    public func export(by actor: User, from: String?, to: String?) throws -> UsageReportTally {
        try tally(by: actor, from: from, to: to, recordedAs: .exportUsage)
    }

    private func tally(by actor: User, from: String?, to: String?, recordedAs action: AdminAction) throws
        -> UsageReportTally
    {
        try UserAdministration.requireAdmin(actor)
        let range = try UsageRange(from: from, to: to, today: CalendarDay(containing: clock.now))
        var tally = UsageReportTally(range: range)
        try history.visitUsageEvents(in: range.interval) { tally.add($0) }
        tally.emails = try history.emails(of: tally.users)
        try audit.record(
            NewAdminAuditEntry(
                adminID: actor.id, action: action, targetUserID: nil,
                details: ["from": range.from.description, "to": range.to.description], at: clock.now))
        return tally
    }
}
