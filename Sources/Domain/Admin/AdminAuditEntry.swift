public import Foundation

/// What an administrator did, as written to the audit log.
public enum AdminAction: String, Sendable, Codable, CaseIterable {
    case adjustCredits = "adjust_credits"
    case setQuota = "set_quota"
    case changeRole = "change_role"
    case disableUser = "disable_user"
    case enableUser = "enable_user"
    case viewUser = "view_user"
    case setPrice = "set_price"
    case updateSettings = "update_settings"
    case viewUsage = "view_usage"
    case exportUsage = "export_usage"
    case viewAnalytics = "view_analytics"
}

/// One audit record: who did what to whom, with the change's particulars as flat strings.
public struct AdminAuditEntry: Sendable, Equatable {
    public let id: String
    public let adminID: UserID
    public let action: AdminAction
    public let targetUserID: UserID?
    public let details: [String: String]
    public let at: Date

    public init(
        id: String, adminID: UserID, action: AdminAction, targetUserID: UserID?, details: [String: String], at: Date
    ) {
        self.id = id
        self.adminID = adminID
        self.action = action
        self.targetUserID = targetUserID
        self.details = details
        self.at = at
    }
}

/// An entry before the log gives it an id.
public struct NewAdminAuditEntry: Sendable, Equatable {
    public let adminID: UserID
    public let action: AdminAction
    public let targetUserID: UserID?
    public let details: [String: String]
    public let at: Date

    public init(adminID: UserID, action: AdminAction, targetUserID: UserID?, details: [String: String], at: Date) {
        self.adminID = adminID
        self.action = action
        self.targetUserID = targetUserID
        self.details = details
        self.at = at
    }
}
