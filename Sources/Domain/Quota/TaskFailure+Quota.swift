extension TaskFailure.Code {
    /// The user's monthly LLM spend limit was reached while the task ran (402 `quota_exceeded` at launch).
    public static let quotaExceeded = TaskFailure.Code("quota_exceeded")
}

extension TaskFailure {
    /// A task stopped by the gateway's quota refusal, with its user-safe message (the limit and the reset).
    public init(quotaExceeded error: DomainError) {
        self.init(.quotaExceeded, error.message)
    }
}
