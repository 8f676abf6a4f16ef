/// Metadata keys of this module's log lines. Never a prompt or an answer: only sizes, names and timings.
enum LLMLogKey {
    static let model = "llm.model"
    static let milliseconds = "ms"
    static let promptTokens = "llm.prompt_tokens"
    static let completionTokens = "llm.completion_tokens"
    static let failure = "llm.failure"
    static let detail = "llm.detail"
}
