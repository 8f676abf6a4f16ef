/// The check before money is spent on LLM calls: a user's spend this UTC month (the usage recorder's
/// counter) against their limit (their override, else `AppSettings.monthlyUSDQuota`). The LLM gateway asks
/// before every call, and task launches before anything is created, so nothing new starts once the limit
/// is reached. A call that starts under the limit may finish over it: the check is before, not during.
public struct SpendingQuota: Sendable {
    private let quotas: any QuotaStore
    private let settings: any SettingsStore
    private let clock: any Clock

    public init(quotas: any QuotaStore, settings: any SettingsStore, clock: any Clock) {
        self.quotas = quotas
        self.settings = settings
        self.clock = clock
    }

    /// The user's limit and spend for the current UTC month.
    public func status(of user: UserID) throws -> QuotaStatus {
        let month = QuotaMonth(containing: clock.now)
        let limit = try quotas.limitOverride(of: user) ?? settings.appSettings().monthlyUSDQuota
        return QuotaStatus(limit: limit, spent: try quotas.spent(by: user, in: month), month: month)
    }

    /// The status when it leaves room for `estimate` more; throws `.quotaExceeded` (402) otherwise.
    @discardableResult
    public func requireRoom(for user: UserID, estimate: MicroUSD = .zero) throws -> QuotaStatus {
        let status = try status(of: user)
        guard status.admits(estimate) else { throw status.exceeded(estimate: estimate) }
        return status
    }
}
