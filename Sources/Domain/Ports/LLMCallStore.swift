/// `llm_calls`: answered calls by request hash, for cache and exact replay.
public protocol LLMCallStore: Sendable {
    func call(hash: String) throws -> LLMCallRecord?
    /// Stores `record` under its hash; a record already there is replaced (two identical calls that
    /// raced both answered, and either answer is a valid replay).
    func record(_ record: LLMCallRecord) throws
}
