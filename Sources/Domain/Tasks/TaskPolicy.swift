public import Foundation

/// The numbers behind durable tasks, shared by the API (admission) and the runner (leases).
public struct TaskPolicy: Sendable, Equatable {
    /// Queued + running tasks one user may have at once (COHORTA_TASKS_PER_USER).
    public var activePerUser: Int
    /// How long a claim or heartbeat keeps a task; a runner silent this long loses it.
    public var leaseDuration: TimeInterval
    /// How often a runner renews the leases it holds (well inside `leaseDuration`).
    public var heartbeatInterval: TimeInterval
    /// Claims allowed per task; the next claim fails it with `attempts_exhausted`.
    public var maxAttempts: Int
    /// How long a finished task stays readable before the sweep deletes it.
    public var retention: TimeInterval

    public init(
        activePerUser: Int = 3, leaseDuration: TimeInterval = 15, heartbeatInterval: TimeInterval = 5,
        maxAttempts: Int = 3, retention: TimeInterval = 7 * 86_400
    ) {
        self.activePerUser = activePerUser
        self.leaseDuration = leaseDuration
        self.heartbeatInterval = heartbeatInterval
        self.maxAttempts = maxAttempts
        self.retention = retention
    }

    public static let standard = TaskPolicy()
}
