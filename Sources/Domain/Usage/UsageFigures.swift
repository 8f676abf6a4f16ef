/// What a set of LLM calls used: calls (replays included), tokens and exact dollars.
public struct UsageFigures: Sendable, Hashable {
    public private(set) var calls = 0
    /// Calls served from `llm_calls` (zero tokens, no cost).
    public private(set) var replayedCalls = 0
    public private(set) var promptTokens = 0
    public private(set) var completionTokens = 0
    public private(set) var cost = MicroUSD.zero

    public init() {}

    public var totalTokens: Int { promptTokens + completionTokens }

    public mutating func add(_ event: UsageEvent) {
        calls += 1
        if event.replayed { replayedCalls += 1 }
        promptTokens += event.usage.promptTokens
        completionTokens += event.usage.completionTokens
        cost = cost + event.cost
    }
}
