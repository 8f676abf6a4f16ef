import Domain
import Foundation
import HTTPCore

/// The administrators' Users area and audit log: GET /api/admin/users (search), GET /api/admin/users/:id
/// (audited as `view_user`), PATCH /api/admin/users/:id `{role?, disabled?}`, GET /api/admin/audit.
/// Admin-only; the use case refuses everyone else with 403.
struct AdminUserRoutes {
    private struct Change: Decodable {
        let change: UserAdministration.Change

        enum CodingKeys: String, CodingKey, CaseIterable { case role, disabled }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let role = try container.decodeIfPresent(String.self, forKey: .role).map { raw in
                guard let role = UserRole(rawValue: raw) else {
                    throw DomainError.invalid("role", "role must be \"user\" or \"admin\".")
                }
                return role
            }
            let disabled: Bool?
            do {
                disabled = try container.decodeIfPresent(Bool.self, forKey: .disabled)
            } catch {
                throw DomainError.invalid("disabled", "disabled must be true or false.")
            }
            change = .init(role: role, disabled: disabled)
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/admin/users") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let found = try app.userAdministration.search(
                by: actor, emailContaining: request.query["q"], page: try PageRequest(query: request.query))
            return .json(PageRepresentation(found, AdminUserRepresentation.init))
        }
        router.on(.get, "/api/admin/users/:id") { request, _, parameters in
            let actor = try app.authenticatedUser(request)
            let detail = try app.userAdministration.detail(by: actor, of: UserID(parameters["id"] ?? ""))
            return .json(AdminUserDetailRepresentation(detail))
        }
        router.on(.patch, "/api/admin/users/:id") { request, _, parameters in
            let actor = try app.authenticatedUser(request)
            let body = try request.decode(Change.self)
            let user = try app.userAdministration.update(by: actor, of: UserID(parameters["id"] ?? ""), body.change)
            return .json(AdminUserRepresentation(user))
        }
        router.on(.get, "/api/admin/audit") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let entries = try app.userAdministration.auditLog(
                by: actor, about: request.query["user_id"].map(UserID.init),
                page: try PageRequest(query: request.query))
            return .json(PageRepresentation(entries, AdminAuditRepresentation.init))
        }
    }
}

/// A user as an administrator lists them: the public fields plus `disabled`.
struct AdminUserRepresentation: Encodable {
    let user: UserRepresentation
    let disabled: Bool

    init(_ user: User) {
        self.user = UserRepresentation(user)
        disabled = user.disabled
    }

    func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(disabled, forKey: .disabled)
    }

    enum CodingKeys: String, CodingKey { case disabled }
}

/// One user in detail: the list fields, the month's quota, the persona and session counts, the last 30
/// days' LLM usage `{calls, cost_usd}` and the dispute flag (absent where billing is not configured).
struct AdminUserDetailRepresentation: Encodable {
    struct RecentUsage: Encodable {
        let calls: Int
        let costUSD: String

        enum CodingKeys: String, CodingKey {
            case calls
            case costUSD = "cost_usd"
        }
    }

    let user: AdminUserRepresentation
    let quota: QuotaRepresentation
    let personas: Int
    let disputed: Bool?
    let sessions: Int
    let recentUsage: RecentUsage

    init(_ detail: UserAdministration.Detail) {
        user = AdminUserRepresentation(detail.user)
        quota = QuotaRepresentation(detail.quota)
        personas = detail.personas
        disputed = detail.disputed
        sessions = detail.sessions
        recentUsage = RecentUsage(calls: detail.recentUsage.calls, costUSD: detail.recentUsage.cost.dollars)
    }

    func encode(to encoder: any Encoder) throws {
        try user.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quota, forKey: .quota)
        try container.encode(personas, forKey: .personas)
        try container.encodeIfPresent(disputed, forKey: .disputed)
        try container.encode(sessions, forKey: .sessions)
        try container.encode(recentUsage, forKey: .recentUsage)
    }

    enum CodingKeys: String, CodingKey {
        case quota, personas, disputed, sessions
        case recentUsage = "usage_30d"
    }
}

struct AdminAuditRepresentation: Encodable {
    let id: String
    let adminID: String
    let action: String
    let targetUserID: String?
    let details: [String: String]
    let at: Date

    init(_ entry: AdminAuditEntry) {
        id = entry.id
        adminID = entry.adminID.rawValue
        action = entry.action.rawValue
        targetUserID = entry.targetUserID?.rawValue
        details = entry.details
        at = entry.at
    }

    enum CodingKeys: String, CodingKey {
        case id, action, details, at
        case adminID = "admin_id"
        case targetUserID = "target_user_id"
    }
}
