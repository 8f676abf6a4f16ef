/// Where a task is in its life. `queued` and `running` are active; the other three are final.
public enum TaskStatus: String, Sendable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed
    case cancelled

    public var isActive: Bool { self == .queued || self == .running }
    public var isFinished: Bool { !isActive }
}
