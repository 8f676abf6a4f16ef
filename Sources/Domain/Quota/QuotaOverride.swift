/// An administrator sets a user's own monthly limit (`PUT /api/admin/users/:id/quota`), or removes it so the
/// default applies again. Takes effect at the next check: overrides are never cached.
public struct QuotaOverride: Sendable {
    private let users: any UserStore
    private let quotas: any QuotaStore
    private let spending: SpendingQuota
    private let audit: any AdminAuditLog
    private let clock: any Clock

    public init(
        users: any UserStore, quotas: any QuotaStore, spending: SpendingQuota, audit: any AdminAuditLog,
        clock: any Clock
    ) {
        self.users = users
        self.quotas = quotas
        self.spending = spending
        self.audit = audit
        self.clock = clock
    }

    /// `limit` nil means back to the default. Returns the user's status under the new limit.
    public func callAsFunction(by actor: User, for target: UserID, limit: MicroUSD?) throws -> QuotaStatus {
        guard actor.role == .admin else { throw DomainError(.forbidden, "Only administrators can change quotas.") }
        guard try users.user(id: target) != nil else { throw DomainError(.notFound, "No such user.") }
        let now = clock.now
        try quotas.setLimitOverride(limit, of: target, at: now)
        try audit.record(
            NewAdminAuditEntry(
                adminID: actor.id, action: .setQuota, targetUserID: target,
                details: ["monthly_usd": limit?.dollars ?? "default"], at: now))
        return try spending.status(of: target)
    }
}
