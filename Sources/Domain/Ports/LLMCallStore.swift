/// `llm_calls`: answered calls by request hash, for cache and exact replay.
public protocol LLMCallStore: Sendable {
    func call(hash: String) throws -> LLMCallRecord?
    /// Stores `record` under its hash. If one is already there (two identical calls raced) it is kept:
    /// either answer is a valid replay.
    func record(_ record: LLMCallRecord) throws
}
