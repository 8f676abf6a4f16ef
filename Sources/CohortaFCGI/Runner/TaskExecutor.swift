import Domain

/// Runs one kind of task. `run` executes on a runner thread (blocking calls are fine) and may be a resume:
/// it starts after `task.checkpoint` (`.null` on a first run). Between steps it calls
/// `context.throwIfCancelled()` and persists each step with `context.checkpoint`. It returns the result
/// (→ `succeeded`) or throws a `TaskFailure` (→ `failed`, or the runner's own codes); any other error
/// fails the task with code `internal`.
protocol TaskExecutor: Sendable {
    var kind: TaskKind { get }
    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue
}
