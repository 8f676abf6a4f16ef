import CohortaTestSupport
import Domain
import Foundation
import Logging
import Synchronization
import Testing

@testable import CohortaFCGI

/// A test executor: `steps` steps, each checkpointed as {"step": n}; it resumes after the checkpoint and
/// records which steps it ran. `onStep` lets a test act between steps (cancel, crash).
final class StepExecutor: TaskExecutor {
    let kind = TaskKind("test.steps")
    let steps: Int
    let ran = Mutex<[Int]>([])  // guards the steps run, in order
    let onStep: @Sendable (Int) throws -> Void

    init(steps: Int = 4, onStep: @escaping @Sendable (Int) throws -> Void = { _ in }) {
        self.steps = steps
        self.onStep = onStep
    }

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        let first = Int(task.checkpoint["step"]?.numberValue ?? 0) + 1
        for step in first...steps {
            try context.throwIfCancelled()
            try onStep(step)
            ran.withLock { $0.append(step) }
            try context.checkpoint(
                .object([("step", .number(Double(step)))]), progress: TaskProgress(done: step, total: steps))
        }
        return .object([("steps", .number(Double(steps)))])
    }
}

struct SimulatedCrash: Error {}

@Suite struct TaskRunnerTests {
    let store = InMemoryTasks()
    let clock = MockClock()
    let user = UserID("00000000000000000000000a")

    private func runner(_ executor: StepExecutor) -> TaskRunner {
        TaskRunner(
            store: store, registry: ExecutorRegistry([executor]), clock: clock, policy: .standard,
            logger: Logger(label: "test"))
    }

    private func launch() throws -> TaskRecord {
        try TaskLauncher(store: store, clock: clock, policy: .standard)(
            TaskKind("test.steps"), for: user, input: .null)
    }

    @Test func aClaimedTaskRunsEveryStepAndSucceeds() throws {
        let executor = StepExecutor()
        let task = try launch()
        #expect(runner(executor).runOnce(owner: RunnerID("r1")))
        let done = try #require(store.task(task.id))
        #expect(done.status == .succeeded)
        #expect(done.progress == TaskProgress(done: 4, total: 4))
        #expect(done.result == .object([("steps", .number(4))]))
        #expect(executor.ran.withLock { $0 } == [1, 2, 3, 4])
        #expect(done.expiresAt == clock.now.addingTimeInterval(TaskPolicy.standard.retention))
    }

    @Test func nothingToClaimReturnsFalse() {
        #expect(!runner(StepExecutor()).runOnce(owner: RunnerID("r1")))
    }

    @Test func cancellingBetweenStepsStopsTheTaskAsCancelled() throws {
        let store = self.store
        let user = self.user
        let clock = self.clock
        let task = try launch()
        let executor = StepExecutor { step in
            if step == 2 { _ = try UserTasks(store: store, clock: clock, policy: .standard).cancel(task.id, of: user) }
        }
        runner(executor).runOnce(owner: RunnerID("r1"))
        let stopped = try #require(store.task(task.id))
        #expect(stopped.status == .cancelled)
        #expect(stopped.error?.code == .cancelled)
        #expect(executor.ran.withLock { $0 } == [1, 2])
    }

    @Test func aCrashedRunnersTaskIsResumedFromItsCheckpointAfterTheLeaseExpires() throws {
        let task = try launch()
        let crashing = StepExecutor { step in if step == 3 { throw SimulatedCrash() } }
        // The first runner "dies" at step 3: simulate by claiming and checkpointing without finishing.
        let now = clock.now
        _ = try store.claim(kinds: [crashing.kind], owner: RunnerID("dead"), at: now, leaseUntil: now + 15)
        _ = try store.saveProgress(
            task.id, owner: RunnerID("dead"), progress: TaskProgress(done: 2, total: 4),
            checkpoint: .object([("step", .number(2))]), at: now)
        let executor = StepExecutor()
        #expect(!runner(executor).runOnce(owner: RunnerID("r2")))  // lease still held
        clock.advance(by: 16)
        #expect(runner(executor).runOnce(owner: RunnerID("r2")))
        let resumed = try #require(store.task(task.id))
        #expect(resumed.status == .succeeded)
        #expect(resumed.attempts == 2)
        #expect(executor.ran.withLock { $0 } == [3, 4])
    }

    @Test func aTaskClaimedMoreThanTheMaximumAttemptsFails() throws {
        let task = try launch()
        for attempt in 1...3 {
            let now = clock.now
            _ = try store.claim(
                kinds: [TaskKind("test.steps")], owner: RunnerID("dead\(attempt)"), at: now, leaseUntil: now + 15)
            clock.advance(by: 16)
        }
        let executor = StepExecutor()
        runner(executor).runOnce(owner: RunnerID("r4"))
        let failed = try #require(store.task(task.id))
        #expect(failed.status == .failed)
        #expect(failed.error?.code == .attemptsExhausted)
        #expect(executor.ran.withLock { $0 }.isEmpty)
    }

    @Test func anUnexpectedExecutorErrorFailsTheTaskAsInternal() throws {
        let task = try launch()
        runner(StepExecutor { _ in throw SimulatedCrash() }).runOnce(owner: RunnerID("r1"))
        #expect(try #require(store.task(task.id)).error?.code == .internal)
    }

    @Test func theHeartbeatRenewsTheLeaseWhileAStepRuns() throws {
        let task = try launch()
        let store = self.store
        let clock = self.clock
        let renewedUntil = Mutex<Date?>(nil)
        let holder = Mutex<TaskRunner?>(nil)
        let executor = StepExecutor(steps: 1) { _ in
            clock.advance(by: 6)
            holder.withLock { $0 }?.heartbeat()
            renewedUntil.withLock { $0 = store.task(task.id)?.lease?.expiresAt }
        }
        let runner = runner(executor)
        holder.withLock { $0 = runner }
        runner.runOnce(owner: RunnerID("r1"))
        #expect(renewedUntil.withLock { $0 } == clock.now.addingTimeInterval(15))
    }

    @Test func threadedRunnerCompletesALaunchedTask() throws {
        let runner = TaskRunner(
            store: store, registry: ExecutorRegistry([StepExecutor()]), clock: SystemClock(), policy: .standard,
            logger: Logger(label: "test"))
        runner.start(threads: 2, ownerPrefix: "test")
        let task = try TaskLauncher(store: store, clock: SystemClock(), policy: .standard)(
            TaskKind("test.steps"), for: user, input: .null)
        let deadline = Date().addingTimeInterval(5)
        while store.task(task.id)?.status != .succeeded, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(runner.stop(timeout: .seconds(3)))
        #expect(store.task(task.id)?.status == .succeeded)
    }
}
