public enum UserRole: String, Sendable, Codable, CaseIterable {
    case user
    case admin
}
