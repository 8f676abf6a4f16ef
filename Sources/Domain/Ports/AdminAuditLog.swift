/// `admin_audit`: every administrator change and every administrator read of a user, append-only.
public protocol AdminAuditLog: Sendable {
    @discardableResult
    func record(_ entry: NewAdminAuditEntry) throws -> AdminAuditEntry
    /// Entries, newest first; only those about `target` when it is given.
    func entries(about target: UserID?, page: PageRequest) throws -> Page<AdminAuditEntry>
}
