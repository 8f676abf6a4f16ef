public import Foundation

/// `usage_events`: one row per `complete` call, for usage pages and cost reports.
public protocol UsageEventStore: Sendable {
    func record(_ event: UsageEvent) throws
    /// The user's events created in `interval` (start included, end excluded), in no particular order.
    func events(of user: UserID, in interval: DateInterval) throws -> [UsageEvent]
}
