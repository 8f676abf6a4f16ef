/// One chat message of a request.
public struct ChatMessage: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Codable {
        case system
        case user
        case assistant
    }

    public let role: Role
    public let content: String
    /// An image shown with the text (a user message to a vision-capable model).
    public let image: ChatImage?

    public init(_ role: Role, _ content: String, image: ChatImage? = nil) {
        self.role = role
        self.content = content
        self.image = image
    }
}

/// Who pays for a call and what it was for: becomes a `usage_events` row.
public struct UsageAttribution: Sendable, Hashable {
    public let userID: UserID
    /// The object the call worked on ("persona:<id>", "task:<id>"), when there is one.
    public let objectReference: String?

    public init(userID: UserID, objectReference: String? = nil) {
        self.userID = userID
        self.objectReference = objectReference
    }
}

/// A call as a feature asks for it; the gateway resolves the model from the feature's tier.
public struct LLMRequest: Sendable, Hashable {
    public let feature: LLMFeature
    /// `name@version` of the prompt template that produced `messages` (part of the replay hash).
    public let template: String
    public let messages: [ChatMessage]
    /// When set, the answer must be JSON valid against this schema (JSON Schema subset, see SchemaValidator).
    public let responseSchema: JSONValue?
    public let temperature: Double
    public let seed: Int?
    public let maxTokens: Int?
    public let attribution: UsageAttribution

    public init(
        feature: LLMFeature, template: String, messages: [ChatMessage], responseSchema: JSONValue? = nil,
        temperature: Double = 0.7, seed: Int? = nil, maxTokens: Int? = nil, attribution: UsageAttribution
    ) {
        self.feature = feature
        self.template = template
        self.messages = messages
        self.responseSchema = responseSchema
        self.temperature = temperature
        self.seed = seed
        self.maxTokens = maxTokens
        self.attribution = attribution
    }
}

public struct TokenUsage: Sendable, Hashable, Codable {
    public let promptTokens: Int
    public let completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    public var totalTokens: Int { promptTokens + completionTokens }
    public static let zero = TokenUsage(promptTokens: 0, completionTokens: 0)
}

/// What a feature gets back.
public struct LLMResponse: Sendable, Hashable {
    public let content: String
    /// The parsed answer when the request had a schema (already validated against it).
    public let json: JSONValue?
    public let model: String
    /// Tokens this call spent now: zero when it was served from `llm_calls`.
    public let usage: TokenUsage
    public let cost: MicroUSD
    public let requestHash: String
    public let servedFromReplay: Bool

    public init(
        content: String, json: JSONValue?, model: String, usage: TokenUsage, cost: MicroUSD, requestHash: String,
        servedFromReplay: Bool
    ) {
        self.content = content
        self.json = json
        self.model = model
        self.usage = usage
        self.cost = cost
        self.requestHash = requestHash
        self.servedFromReplay = servedFromReplay
    }
}
