/// Metadata keys of the runner's log lines.
enum RunnerLogKey {
    static let taskID = "task.id"
    static let kind = "task.kind"
    static let attempt = "task.attempt"
    static let done = "task.done"
    static let total = "task.total"
    static let outcome = "task.outcome"
    static let code = "task.error_code"
    static let owner = "runner.owner"
    static let count = "count"
    static let error = "error"
}
