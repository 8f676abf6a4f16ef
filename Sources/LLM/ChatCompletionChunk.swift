/// One `data:` event of an OpenAI-compatible chat completion stream (only the fields we read).
struct ChatCompletionChunk: Decodable {
    struct Choice: Decodable {
        struct Delta: Decodable {
            let content: String?
        }

        let delta: Delta?
        let finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    struct Usage: Decodable {
        let promptTokens: Int
        let completionTokens: Int

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    /// Empty in the final usage-only chunk.
    let choices: [Choice]
    let usage: Usage?

    enum CodingKeys: String, CodingKey {
        case choices
        case usage
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        choices = try container.decodeIfPresent([Choice].self, forKey: .choices) ?? []
        usage = try container.decodeIfPresent(Usage.self, forKey: .usage)
    }
}

/// The `{"error": {"message": …}}` body of a failed request.
struct ChatCompletionErrorBody: Decodable {
    struct Detail: Decodable {
        let message: String?
    }

    let error: Detail?
}
