public import Foundation

/// Read-only, platform-wide history for the administrators' usage report and analytics. Each visit
/// streams the rows created in `interval` (start included, end excluded), in no particular order, one at a
/// time: an adapter reads them through a cursor and never holds a whole collection.
public protocol ActivityHistory: Sendable {
    /// Every user's LLM calls (`usage_events`).
    func visitUsageEvents(in interval: DateInterval, _ visit: (UsageEvent) throws -> Void) throws
    /// Signups, persona creations, session starts and Stripe payments (grants and refund clawbacks).
    func visitBusinessEvents(in interval: DateInterval, _ visit: (BusinessEvent) throws -> Void) throws
    /// The email of each of `users` that exists; missing users are left out.
    func emails(of users: Set<UserID>) throws -> [UserID: EmailAddress]
}
