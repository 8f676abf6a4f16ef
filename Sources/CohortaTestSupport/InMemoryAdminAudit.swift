public import Domain
import Foundation
import Synchronization

/// `AdminAuditLog` in memory: entries in the order written, listed newest first.
public final class InMemoryAdminAudit: AdminAuditLog {
    private let state = Mutex([AdminAuditEntry]())

    public init() {}

    @discardableResult
    public func record(_ new: NewAdminAuditEntry) throws -> AdminAuditEntry {
        state.withLock { entries in
            let entry = AdminAuditEntry(
                id: String(format: "%024x", entries.count + 1), adminID: new.adminID, action: new.action,
                targetUserID: new.targetUserID, details: new.details, at: new.at)
            entries.append(entry)
            return entry
        }
    }

    public func entries(about target: UserID?, page: PageRequest) throws -> Page<AdminAuditEntry> {
        state.withLock { entries in
            let found = entries.reversed().filter { target == nil || $0.targetUserID == target }
            return Page(
                items: Array(found.dropFirst(page.offset).prefix(page.perPage)), request: page, total: found.count)
        }
    }

    /// Every entry, oldest first.
    public var all: [AdminAuditEntry] { state.withLock { $0 } }
}
