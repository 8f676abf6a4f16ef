public import Domain
import Foundation

/// One transcript message: `speaker` is "moderator", "human" or "persona:<id>".
public struct SessionMessageRepresentation: Encodable, Sendable {
    public let seq: Int
    let speaker: String
    let personaID: String?
    let speakerName: String
    let text: String
    let position: JSONValue
    let promptTokens: Int
    let completionTokens: Int
    let costUSD: String
    let regenerations: [String]
    let createdAt: Date

    public init(_ message: SessionMessage) {
        seq = message.seq
        speaker = message.speaker.storedValue
        personaID = message.speaker.participantID?.rawValue
        speakerName = message.speakerName
        text = message.text
        position =
            message.position.map {
                .object([("section", .number(Double($0.section))), ("question", .number(Double($0.question)))])
            } ?? .null
        promptTokens = message.usage.promptTokens
        completionTokens = message.usage.completionTokens
        costUSD = message.cost.dollars
        regenerations = message.regenerations
        createdAt = message.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case seq, speaker, text, position, regenerations
        case personaID = "persona_id"
        case speakerName = "speaker_name"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case costUSD = "cost_usd"
        case createdAt = "created_at"
    }

    /// Every key always present: an absent value is `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(personaID, forKey: .personaID)
        try container.encode(speakerName, forKey: .speakerName)
        try container.encode(text, forKey: .text)
        try container.encode(position, forKey: .position)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(regenerations, forKey: .regenerations)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
