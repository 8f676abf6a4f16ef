public import Foundation

/// The administrator's Users area: search, view (audited as `view_user`), change role, disable or enable,
/// and read the audit log. Every call refuses a caller who is not an administrator.
public struct UserAdministration: Sendable {
    /// The changes `PATCH /api/admin/users/:id` may carry; nil leaves the field as it is.
    public struct Change: Sendable, Equatable {
        public let role: UserRole?
        public let disabled: Bool?

        public init(role: UserRole? = nil, disabled: Bool? = nil) {
            self.role = role
            self.disabled = disabled
        }
    }

    /// One user as the administrator sees it.
    public struct Detail: Sendable {
        public let user: User
        public let quota: QuotaStatus
        public let personas: Int
        /// Nil where no account-flag store is wired (billing not configured).
        public let disputed: Bool?
        /// Focus-group sessions of every status.
        public let sessions: Int
        /// LLM calls and their cost over the last 30 days (`usageWindow`).
        public let recentUsage: UsageFigures
    }

    /// The span of `Detail.recentUsage`, ending now.
    public static let usageWindow: TimeInterval = 30 * 86_400

    private let users: any UserStore
    private let audit: any AdminAuditLog
    private let spending: SpendingQuota
    private let personas: any PersonaStore
    private let flags: (any AccountFlagStore)?
    private let sessions: any SessionCounter
    private let usageEvents: any UsageEventStore
    private let clock: any Clock

    public init(
        users: any UserStore, audit: any AdminAuditLog, spending: SpendingQuota, personas: any PersonaStore,
        flags: (any AccountFlagStore)?, sessions: any SessionCounter, usageEvents: any UsageEventStore,
        clock: any Clock
    ) {
        self.users = users
        self.audit = audit
        self.spending = spending
        self.personas = personas
        self.flags = flags
        self.sessions = sessions
        self.usageEvents = usageEvents
        self.clock = clock
    }

    public func search(by actor: User, emailContaining text: String?, page: PageRequest) throws -> Page<User> {
        try Self.requireAdmin(actor)
        // No e-mail address is longer (RFC 5321), so a longer text is a mistake, not a search.
        if let text, text.count > EmailAddress.maximumLength {
            throw DomainError.invalid("q", "q must be at most \(EmailAddress.maximumLength) characters.")
        }
        return try users.users(emailContaining: text, page: page)
    }

    public func detail(by actor: User, of target: UserID) throws -> Detail {
        try Self.requireAdmin(actor)
        let user = try existing(target)
        let owned = try PageRequest(perPage: 1).map { try personas.personas(of: target, matching: .init(), page: $0) }
        let now = clock.now
        var recent = UsageFigures()
        for event in try usageEvents.events(
            of: target, in: DateInterval(start: now.addingTimeInterval(-Self.usageWindow), end: now))
        {
            recent.add(event)
        }
        let detail = Detail(
            user: user, quota: try spending.status(of: target), personas: owned?.total ?? 0,
            disputed: try flags?.isDisputed(target), sessions: try sessions.sessionCount(of: target),
            recentUsage: recent)
        try audit.record(
            NewAdminAuditEntry(adminID: actor.id, action: .viewUser, targetUserID: target, details: [:], at: clock.now))
        return detail
    }

    /// Applies the role, then the disabled flag. An administrator cannot demote or disable themself (409).
    public func update(by actor: User, of target: UserID, _ change: Change) throws -> User {
        try Self.requireAdmin(actor)
        var user = try existing(target)
        if actor.id == target, change.role == .user || change.disabled == true {
            throw DomainError(.conflict, "You cannot demote or disable your own account.")
        }
        if let role = change.role, role != user.role {
            let before = user.role
            user = try users.setRole(role, of: target)
            try record(
                .changeRole, by: actor, on: target, ["from": before.rawValue, "to": role.rawValue])
        }
        if let disabled = change.disabled, disabled != user.disabled {
            user = try users.setDisabled(disabled, of: target)
            try record(disabled ? .disableUser : .enableUser, by: actor, on: target, [:])
        }
        return user
    }

    public func auditLog(by actor: User, about target: UserID?, page: PageRequest) throws -> Page<AdminAuditEntry> {
        try Self.requireAdmin(actor)
        return try audit.entries(about: target, page: page)
    }

    private func existing(_ id: UserID) throws -> User {
        guard let user = try users.user(id: id) else { throw DomainError(.notFound, "No such user.") }
        return user
    }

    private func record(_ action: AdminAction, by actor: User, on target: UserID, _ details: [String: String]) throws {
        try audit.record(
            NewAdminAuditEntry(adminID: actor.id, action: action, targetUserID: target, details: details, at: clock.now)
        )
    }

    /// 403 for anyone but an administrator (routes call it before reading a body, so a non-admin learns nothing).
    public static func requireAdmin(_ actor: User) throws {
        guard actor.role == .admin else { throw DomainError(.forbidden, "Only administrators can do this.") }
    }
}
