public import Foundation

/// The administrator's Credit settings: trial credits, costs, the default monthly quota and the packs on
/// sale. A change replaces the whole document, is audited as `update_settings` with each changed field,
/// and reaches every process within `cacheLifetime` (each caches `app_settings` that long).
public struct SettingsAdministration: Sendable {
    private let store: any WritableSettingsStore
    private let audit: any AdminAuditLog
    private let clock: any Clock
    public let cacheLifetime: TimeInterval

    public init(
        store: any WritableSettingsStore, audit: any AdminAuditLog, clock: any Clock, cacheLifetime: TimeInterval
    ) {
        self.store = store
        self.audit = audit
        self.clock = clock
        self.cacheLifetime = cacheLifetime
    }

    /// The stored settings, read fresh (not audited).
    public func settings(by actor: User) throws -> AppSettings {
        try UserAdministration.requireAdmin(actor)
        return try store.appSettings()
    }

    /// Validates and stores `new`; an unchanged document is stored and audited with no details.
    public func replace(by actor: User, with new: AppSettings) throws -> AppSettings {
        try UserAdministration.requireAdmin(actor)
        try new.validate()
        let earlier = try store.appSettings()
        try store.replace(with: new)
        try audit.record(
            NewAdminAuditEntry(
                adminID: actor.id, action: .updateSettings, targetUserID: nil, details: new.changes(since: earlier),
                at: clock.now))
        return new
    }
}
