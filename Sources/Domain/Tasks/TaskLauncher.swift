/// Creates a durable task for a feature (`POST …` → `202 {task_id}`), within the user's active-task bound
/// and their monthly spend limit. Throws `.quotaExceeded` (402) when the user's spend this UTC month reached
/// their limit (every task kind spends on LLM calls), and `.tooManyTasks` (429) when the user already has
/// `TaskPolicy.activePerUser` queued or running; nothing is created then.
public struct TaskLauncher: Sendable {
    private let store: any TaskStore
    private let clock: any Clock
    private let policy: TaskPolicy
    /// Nil: no spend limit (tests of other behaviour).
    private let quota: SpendingQuota?

    public init(store: any TaskStore, clock: any Clock, policy: TaskPolicy, quota: SpendingQuota? = nil) {
        self.store = store
        self.clock = clock
        self.policy = policy
        self.quota = quota
    }

    /// `checkingQuota: false` for a launch whose caller already checked (before charging for it) or that
    /// spends nothing (an exact replay).
    public func callAsFunction(
        _ kind: TaskKind, for user: UserID, input: JSONValue, progress: TaskProgress = .queued,
        checkingQuota: Bool = true
    ) throws -> TaskRecord {
        if checkingQuota { try requireQuota(for: user) }
        return try store.create(
            NewTask(userID: user, kind: kind, input: input, progress: progress, createdAt: clock.now),
            activeLimit: policy.activePerUser)
    }

    /// Throws `.quotaExceeded` (402) unless the user's limit leaves room for `estimate` more this month.
    public func requireQuota(for user: UserID, estimate: MicroUSD = .zero) throws {
        try quota?.requireRoom(for: user, estimate: estimate)
    }
}
