/// Creates a durable task for a feature (`POST …` → `202 {task_id}`), within the user's active-task bound.
/// Throws `.tooManyTasks` (429) when the user already has `TaskPolicy.activePerUser` queued or running.
public struct TaskLauncher: Sendable {
    private let store: any TaskStore
    private let clock: any Clock
    private let policy: TaskPolicy

    public init(store: any TaskStore, clock: any Clock, policy: TaskPolicy) {
        self.store = store
        self.clock = clock
        self.policy = policy
    }

    public func callAsFunction(
        _ kind: TaskKind, for user: UserID, input: JSONValue, progress: TaskProgress = .queued
    ) throws -> TaskRecord {
        try store.create(
            NewTask(userID: user, kind: kind, input: input, progress: progress, createdAt: clock.now),
            activeLimit: policy.activePerUser)
    }
}
