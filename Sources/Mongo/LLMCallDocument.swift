internal import Domain
internal import Foundation

/// An `llm_calls` document as stored: `_id` is the request hash.
struct LLMCallDocument: Codable, Equatable {
    struct Usage: Codable, Equatable {
        var promptTokens: Int64
        var completionTokens: Int64

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    var id: String
    var model: String
    var template: String
    var feature: LLMFeature
    /// The request's messages, `{role, content}`.
    var request: [ChatMessage]
    /// The accepted answer's text.
    var response: String
    var usage: Usage
    var costMicroUSD: MicroUSD
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case model
        case template
        case feature
        case request
        case response
        case usage
        case costMicroUSD = "cost_micro_usd"
        case createdAt = "created_at"
    }

    init(_ record: LLMCallRecord) {
        id = record.requestHash
        model = record.model
        template = record.template
        feature = record.feature
        request = record.messages
        response = record.content
        usage = Usage(
            promptTokens: Int64(record.usage.promptTokens), completionTokens: Int64(record.usage.completionTokens))
        costMicroUSD = record.cost
        createdAt = record.createdAt.millisecondPrecision
    }

    var record: LLMCallRecord {
        LLMCallRecord(
            requestHash: id, model: model, template: template, feature: feature, messages: request, content: response,
            usage: TokenUsage(promptTokens: Int(usage.promptTokens), completionTokens: Int(usage.completionTokens)),
            cost: costMicroUSD, createdAt: createdAt)
    }
}
