public import Foundation

/// One `usage_events` row: the tokens and dollars one `complete` call spent, attributed to a user,
/// a feature and an object. A replayed call writes a row too, with zero tokens and `replayed`.
public struct UsageEvent: Sendable, Hashable {
    public let userID: UserID
    public let feature: LLMFeature
    public let objectReference: String?
    public let model: String
    public let usage: TokenUsage
    public let cost: MicroUSD
    public let replayed: Bool
    public let createdAt: Date

    public init(
        userID: UserID, feature: LLMFeature, objectReference: String?, model: String, usage: TokenUsage,
        cost: MicroUSD, replayed: Bool, createdAt: Date
    ) {
        self.userID = userID
        self.feature = feature
        self.objectReference = objectReference
        self.model = model
        self.usage = usage
        self.cost = cost
        self.replayed = replayed
        self.createdAt = createdAt
    }
}
