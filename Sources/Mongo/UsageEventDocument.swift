internal import BSON
internal import Domain
internal import Foundation

/// A `usage_events` document as stored; `object_ref` is absent when the call had no object.
struct UsageEventDocument: Codable, Equatable {
    var id: ObjectID
    var userID: ObjectID
    var feature: LLMFeature
    var objectReference: String?
    var model: String
    var promptTokens: Int64
    var completionTokens: Int64
    var costMicroUSD: MicroUSD
    var replayed: Bool
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case feature
        case objectReference = "object_ref"
        case model
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case costMicroUSD = "cost_micro_usd"
        case replayed
        case createdAt = "created_at"
    }

    init(_ event: UsageEvent, userID: ObjectID) {
        id = ObjectID()
        self.userID = userID
        feature = event.feature
        objectReference = event.objectReference
        model = event.model
        promptTokens = Int64(event.usage.promptTokens)
        completionTokens = Int64(event.usage.completionTokens)
        costMicroUSD = event.cost
        replayed = event.replayed
        createdAt = event.createdAt.millisecondPrecision
    }

    var event: UsageEvent {
        UsageEvent(
            userID: UserID(userID.hex), feature: feature, objectReference: objectReference, model: model,
            usage: TokenUsage(promptTokens: Int(promptTokens), completionTokens: Int(completionTokens)),
            cost: costMicroUSD, replayed: replayed, createdAt: createdAt)
    }
}
