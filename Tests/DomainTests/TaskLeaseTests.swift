import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct TaskLeaseTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let policy = TaskPolicy.standard

    private func claimed(attempts: Int = 1, cancel: Bool = false) -> TaskRecord {
        var task = TaskRecord(
            id: TaskID("t1"),
            NewTask(userID: UserID("u1"), kind: TaskKind("k"), input: .null, createdAt: start))
        task.attempts = attempts - 1
        task.cancelRequested = cancel
        _ = task.claim(by: RunnerID("r1"), at: start, leaseUntil: start + 15)
        return task
    }

    @Test func aQueuedOrExpiredTaskIsClaimableAndAHeldOneIsNot() {
        var task = claimed()
        #expect(!task.isClaimable(at: start + 10))
        #expect(task.isClaimable(at: start + 15))
        let reclaimed = task.claim(by: RunnerID("r2"), at: start + 16, leaseUntil: start + 31)
        #expect(reclaimed)
        #expect(task.attempts == 2)
        let renewal = task.renewLease(by: RunnerID("r1"), until: start + 40, at: start + 17)
        #expect(renewal == .lost)
    }

    @Test func claimRunsFromTheCheckpoint() {
        var task = claimed()
        task.checkpoint = .object([("step", .number(2))])
        var machine = TaskLeaseStateMachine(task: task, policy: policy)
        #expect(machine.claimed(at: start) == .run(resumeFrom: .object([("step", .number(2))])))
    }

    @Test func claimBeyondMaxAttemptsFails() {
        var machine = TaskLeaseStateMachine(task: claimed(attempts: 4), policy: policy)
        #expect(machine.claimed(at: start) == .finish(.failed(.attemptsExhausted)))
    }

    @Test func heartbeatRenewsWhenDueAndAbandonsAnExpiredLease() {
        var machine = TaskLeaseStateMachine(task: claimed(), policy: policy)
        _ = machine.claimed(at: start)
        #expect(machine.heartbeatDue(at: start + 2) == .none)
        #expect(machine.heartbeatDue(at: start + 5) == .renewLease(until: start + 20))
        #expect(machine.leaseRenewed(.renewed(cancelRequested: true), until: start + 20, at: start + 5) == .none)
        #expect(machine.cancelRequested)
        #expect(machine.heartbeatDue(at: start + 20) == .abandon)
    }

    @Test func executorEndsMapToFinishReleaseOrAbandon() {
        for (failure, action) in [
            (TaskFailure.cancelled, TaskLeaseStateMachine.Action.finish(.cancelled)),
            (.interrupted, .release), (.leaseLost, .abandon),
            (TaskFailure(.internal, "x"), .finish(.failed(TaskFailure(.internal, "x")))),
        ] {
            var machine = TaskLeaseStateMachine(task: claimed(), policy: policy)
            _ = machine.claimed(at: start)
            #expect(machine.executorEnded(.failure(failure)) == action)
        }
    }

    @Test func cancellingAFinishedTaskIsAConflict() throws {
        var task = claimed()
        let finished = task.finish(.succeeded(.null), by: RunnerID("r1"), at: start, expiresAt: start)
        #expect(finished)
        let start = self.start
        #expect(throws: DomainError.self) {
            var ended = task
            try ended.requestCancel(at: start, expiresAt: start)
        }
    }

    @Test func launcherRefusesBeyondTheActiveBound() throws {
        let store = InMemoryTasks()
        let launch = TaskLauncher(store: store, clock: MockClock(), policy: TaskPolicy(activePerUser: 1))
        _ = try launch(TaskKind("k"), for: UserID("u1"), input: .null)
        #expect(throws: DomainError.tooManyTasks(limit: 1)) {
            try launch(TaskKind("k"), for: UserID("u1"), input: .null)
        }
    }
}
