/// What an executor may do while it runs a task. Call it between steps: each call is cheap enough
/// for once per LLM call, never inside a tight loop.
///
/// `report` and `checkpoint` throw `TaskFailure` (`leaseLost`, `interrupted`) when the executor must stop;
/// let those propagate.
public protocol TaskContext: Sendable {
    /// True once the owner asked to cancel (read from the task, so it is seen within a step).
    var isCancelled: Bool { get }
    /// Updates the progress the owner sees; logged as one info line per step.
    func report(_ progress: TaskProgress) throws
    /// Persists the step reached (`state`, read back as `TaskRecord.checkpoint` by a resumed run) with its progress.
    func checkpoint(_ state: JSONValue, progress: TaskProgress) throws
}

extension TaskContext {
    /// Throws `TaskFailure.cancelled` when the owner cancelled; call it between steps.
    public func throwIfCancelled() throws {
        if isCancelled { throw TaskFailure.cancelled }
    }
}
