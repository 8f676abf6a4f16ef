/// GET /api/usage/me: the signed-in user's usage report for a range of UTC days (see `UsageRange`).
/// Settles interrupted ledger changes first, so the credit figures agree with the balance.
public struct UsageOverview: Sendable {
    private let users: any UserStore
    private let ledger: any LedgerStore
    private let usageEvents: any UsageEventStore
    private let clock: any Clock

    public init(users: any UserStore, ledger: any LedgerStore, usageEvents: any UsageEventStore, clock: any Clock) {
        self.users = users
        self.ledger = ledger
        self.usageEvents = usageEvents
        self.clock = clock
    }

    /// `from` and `to` as the query gave them (`YYYY-MM-DD` or absent).
    public func callAsFunction(for user: UserID, from: String?, to: String?) throws -> UsageReport {
        let range = try UsageRange(from: from, to: to, today: CalendarDay(containing: clock.now))
        try ledger.reconcile(user)
        guard let current = try users.user(id: user) else { throw DomainError(.notFound, "No such user.") }
        return UsageReport(
            range: range, events: try usageEvents.events(of: user, in: range.interval),
            ledger: try ledger.entries(of: user, in: range.interval), balance: current.creditsBalance)
    }
}
