public import Foundation

/// Monthly spend limits: `quotas` holds the per-user overrides; the spend is the usage recorder's counter
/// (`usage_months`), which `UsageEventStore.record` keeps in step with every event it records.
public protocol QuotaStore: Sendable {
    /// The user's own monthly limit; nil when they have the default.
    func limitOverride(of user: UserID) throws -> MicroUSD?
    /// Sets the user's own limit, or with nil removes it (back to the default).
    func setLimitOverride(_ limit: MicroUSD?, of user: UserID, at date: Date) throws
    /// What the user's usage events created in `month` cost, summed; zero for a month without any.
    func spent(by user: UserID, in month: QuotaMonth) throws -> MicroUSD
}
