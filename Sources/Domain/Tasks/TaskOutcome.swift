/// How a runner ends a task it holds.
public enum TaskOutcome: Sendable, Equatable {
    case succeeded(JSONValue)
    case failed(TaskFailure)
    case cancelled

    public var status: TaskStatus {
        switch self {
        case .succeeded: .succeeded
        case .failed: .failed
        case .cancelled: .cancelled
        }
    }
}
