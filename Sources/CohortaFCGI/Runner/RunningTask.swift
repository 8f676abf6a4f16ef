import Domain
import Foundation
import Synchronization

/// One claimed task, shared by the thread running its executor and the process's heartbeat thread.
/// The lease state machine is guarded by `machine`'s lock; `stopping` is the process-wide stop flag.
final class RunningTask: Sendable {
    let owner: RunnerID
    let task: TaskRecord
    private let machine: Mutex<TaskLeaseStateMachine>  // guards the lease state of this task

    init(_ task: TaskRecord, owner: RunnerID, policy: TaskPolicy) {
        self.task = task
        self.owner = owner
        machine = Mutex(TaskLeaseStateMachine(task: task, policy: policy))
    }

    func withMachine<R>(_ body: (inout TaskLeaseStateMachine) -> R) -> R { machine.withLock { body(&$0) } }

    var cancelRequested: Bool { machine.withLock { $0.cancelRequested } }
}
