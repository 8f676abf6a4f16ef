import Domain
import Logging
import Synchronization

/// `TaskContext` for one running task: progress and checkpoints are lease-guarded writes, and
/// `isCancelled` reads the task's flag (so a DELETE is seen at the executor's next step).
/// Used on the task's runner thread only.
struct RunnerTaskContext: TaskContext {
    let running: RunningTask
    let store: any TaskStore
    let clock: any Domain.Clock
    let stopping: @Sendable () -> Bool
    let logger: Logger

    var isCancelled: Bool {
        if running.cancelRequested { return true }
        guard (try? store.isCancelRequested(running.task.id)) == true else { return false }
        running.withMachine { $0.cancelObserved() }
        return true
    }

    func report(_ progress: TaskProgress) throws {
        try save(progress, checkpoint: nil)
    }

    func checkpoint(_ state: JSONValue, progress: TaskProgress) throws {
        try save(progress, checkpoint: state)
    }

    private func save(_ progress: TaskProgress, checkpoint: JSONValue?) throws {
        guard
            try store.saveProgress(
                running.task.id, owner: running.owner, progress: progress, checkpoint: checkpoint, at: clock.now)
        else { throw TaskFailure.leaseLost }
        logger.info(
            "task step",
            metadata: [
                RunnerLogKey.done: "\(progress.done)", RunnerLogKey.total: "\(progress.total)",
                "checkpoint": "\(checkpoint != nil)",
            ])
        if stopping() { throw TaskFailure.interrupted }
    }
}
