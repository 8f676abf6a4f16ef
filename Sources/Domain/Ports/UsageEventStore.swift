/// `usage_events`: one row per `complete` call, for usage pages and cost reports.
public protocol UsageEventStore: Sendable {
    func record(_ event: UsageEvent) throws
}
