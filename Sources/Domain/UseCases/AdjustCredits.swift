/// An administrator grants or removes credits by hand, with a reason, through the ledger.
/// A debit larger than the balance is refused; a repeat with the same idempotency key applies once.
/// Each applied adjustment is written to the audit log.
public struct AdjustCredits: Sendable {
    private let users: any UserStore
    private let ledger: any LedgerStore
    private let audit: any AdminAuditLog
    private let clock: any Clock

    public init(users: any UserStore, ledger: any LedgerStore, audit: any AdminAuditLog, clock: any Clock) {
        self.users = users
        self.ledger = ledger
        self.audit = audit
        self.clock = clock
    }

    public func callAsFunction(
        by actor: User, for target: UserID, amount: Int64, reason: String, idempotencyKey: IdempotencyKey
    ) throws -> LedgerOutcome {
        guard actor.role == .admin else { throw DomainError(.forbidden, "Only administrators can adjust credits.") }
        let (credits, trimmedReason) = try CreditAdjustmentRule.validate(amount: amount, reason: reason)
        guard try users.user(id: target) != nil else { throw DomainError(.notFound, "No such user.") }
        let change = LedgerChange(
            userID: target, amount: credits, kind: .adminAdjustment, reason: trimmedReason,
            idempotencyKey: idempotencyKey, at: clock.now)
        let outcome = try ledger.apply(change)
        if case .applied(let entry) = outcome {
            try audit.record(
                NewAdminAuditEntry(
                    adminID: actor.id, action: .adjustCredits, targetUserID: target,
                    details: ["amount": String(credits.value), "reason": trimmedReason, "entry_id": entry.id],
                    at: change.at))
        }
        return outcome
    }
}
