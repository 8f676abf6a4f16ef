import Domain
import Foundation
import Logging
import Metrics
import Synchronization

/// One runner process's engine: claim threads (claim → run executor → finish, polling with backoff when
/// idle) and one heartbeat thread (renews the leases held here; sweeps expired tasks now and then).
/// `runOnce` and `heartbeat` are also called directly by tests, without threads.
final class TaskRunner: Sendable {
    struct Timing: Sendable {
        var idleBackoff: ClosedRange<Duration> = .milliseconds(100)...(.seconds(1))
        var heartbeatTick: Duration = .seconds(1)
        var sweepInterval: TimeInterval = 60
    }

    private let store: any TaskStore
    private let registry: ExecutorRegistry
    private let clock: any Domain.Clock
    private let policy: TaskPolicy
    private let timing: Timing
    private let logger: Logger
    private let running = Mutex<[TaskID: RunningTask]>([:])  // guards the tasks this process holds
    private let stopping = Atomic<Bool>(false)
    private let liveThreads = Atomic<Int>(0)
    private let lastSweep = Mutex<Date?>(nil)  // guards the time of the last sweep
    /// `cohorta_runner_leases_active`; nil: no metrics.
    private let metrics: MetricsSegment?

    init(
        store: any TaskStore, registry: ExecutorRegistry, clock: any Domain.Clock, policy: TaskPolicy,
        timing: Timing = Timing(), logger: Logger, metrics: MetricsSegment? = nil
    ) {
        self.metrics = metrics
        self.store = store
        self.registry = registry
        self.clock = clock
        self.policy = policy
        self.timing = timing
        self.logger = logger
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Starts `threads` claim threads named `<ownerPrefix>/<n>` and the heartbeat thread.
    func start(threads: Int, ownerPrefix: String) {
        if registry.kinds.isEmpty { logger.warning("no task kinds registered; the runner only sweeps") }
        for index in 0..<threads {
            spawn { [self] in claimLoop(owner: RunnerID("\(ownerPrefix)/\(index)")) }
        }
        spawn { [self] in
            while !isStopping {
                heartbeat()
                pause(timing.heartbeatTick)
            }
        }
        logger.notice(
            "runner started", metadata: ["threads": "\(threads)", "kinds": "\(registry.kinds.map(\.rawValue))"])
    }

    /// Stops claiming; running executors are interrupted at their next step and hand their task back.
    /// True when every thread ended within `timeout`.
    func stop(timeout: Duration) -> Bool {
        stopping.store(true, ordering: .releasing)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while liveThreads.load(ordering: .acquiring) > 0, clock.now < deadline { pause(.milliseconds(20)) }
        return liveThreads.load(ordering: .acquiring) == 0
    }

    /// Runs on one claim thread until stopped.
    private func claimLoop(owner: RunnerID) {
        var idle = timing.idleBackoff.lowerBound
        while !isStopping {
            if runOnce(owner: owner) {
                idle = timing.idleBackoff.lowerBound
            } else {
                pause(idle)
                idle = min(idle * 2, timing.idleBackoff.upperBound)
            }
        }
    }

    /// Claims one task as `owner` and runs it to its end. False when there was nothing to claim.
    @discardableResult
    func runOnce(owner: RunnerID) -> Bool {
        let now = clock.now
        let claimed: TaskRecord?
        do {
            claimed = try store.claim(
                kinds: registry.kinds, owner: owner, at: now, leaseUntil: now.addingTimeInterval(policy.leaseDuration))
        } catch {
            logger.warning("task claim failed", metadata: [RunnerLogKey.error: "\(error)"])
            return false
        }
        guard let task = claimed else { return false }
        var taskLogger = logger
        taskLogger[metadataKey: RunnerLogKey.taskID] = "\(task.id)"
        taskLogger[metadataKey: RunnerLogKey.kind] = "\(task.kind)"
        taskLogger[metadataKey: RunnerLogKey.attempt] = "\(task.attempts)"
        taskLogger.notice(task.attempts > 1 ? "task resumed" : "task started")
        let handle = RunningTask(task, owner: owner, policy: policy)
        running.withLock { $0[task.id] = handle }
        metrics?.add(.runnerLeases, 1)
        defer {
            _ = running.withLock { $0.removeValue(forKey: task.id) }
            metrics?.add(.runnerLeases, -1)
        }
        var action = handle.withMachine { $0.claimed(at: now) }
        if case .run = action {
            let result = execute(handle, logger: taskLogger)
            action = handle.withMachine { $0.executorEnded(result) }
        }
        perform(action, for: handle, logger: taskLogger)
        return true
    }

    private func execute(_ handle: RunningTask, logger: Logger) -> Result<JSONValue, TaskFailure> {
        guard let executor = registry.executor(for: handle.task.kind) else { return .failure(.internal) }
        let context = RunnerTaskContext(
            running: handle, store: store, clock: clock, stopping: { [self] in isStopping }, logger: logger)
        do {
            return .success(try executor.run(handle.task, context: context))
        } catch let failure as TaskFailure {
            return .failure(failure)
        } catch let error as DomainError where error.code == .quotaExceeded {
            return .failure(TaskFailure(quotaExceeded: error))
        } catch let error as DomainError where error.isDatabaseUnreachable {
            // Handed back (or its lease runs out): the task resumes from its checkpoint once the database answers.
            return .failure(.interrupted)
        } catch {
            logger.error("task executor failed unexpectedly", metadata: [RunnerLogKey.error: "\(error)"])
            return .failure(.internal)
        }
    }

    private func perform(_ action: TaskLeaseStateMachine.Action, for handle: RunningTask, logger: Logger) {
        let now = clock.now
        do {
            switch action {
            case .finish(let outcome):
                let written = try store.finish(
                    handle.task.id, owner: handle.owner, outcome: outcome, at: now,
                    expiresAt: now.addingTimeInterval(policy.retention))
                if written {
                    var metadata: Logger.Metadata = [RunnerLogKey.outcome: "\(outcome.status.rawValue)"]
                    if case .failed(let failure) = outcome { metadata[RunnerLogKey.code] = "\(failure.code)" }
                    logger.notice("task finished", metadata: metadata)
                } else {
                    logger.warning("task lease lost before finishing")
                }
            case .release:
                _ = try store.release(handle.task.id, owner: handle.owner, at: now)
                logger.notice("task released")
            case .abandon:
                logger.warning("task lease lost")
            case .run, .renewLease, .none:
                break
            }
        } catch {
            // The lease runs out and another runner resumes the task from its checkpoint.
            logger.warning("task end not recorded", metadata: [RunnerLogKey.error: "\(error)"])
        }
    }

    /// One heartbeat pass (heartbeat thread): renew due leases, drop lost ones, sweep when due.
    func heartbeat() {
        let now = clock.now
        for handle in running.withLock({ Array($0.values) }) {
            guard case .renewLease(let until) = handle.withMachine({ $0.heartbeatDue(at: now) }) else { continue }
            let renewal: LeaseRenewal
            do {
                renewal = try store.renewLease(handle.task.id, owner: handle.owner, until: until, at: now)
            } catch {
                logger.warning(
                    "task lease renewal failed",
                    metadata: [RunnerLogKey.taskID: "\(handle.task.id)", RunnerLogKey.error: "\(error)"])
                continue
            }
            if handle.withMachine({ $0.leaseRenewed(renewal, until: until, at: now) }) == .abandon {
                logger.warning("task lease lost", metadata: [RunnerLogKey.taskID: "\(handle.task.id)"])
            }
        }
        sweepIfDue(at: now)
    }

    private func sweepIfDue(at now: Date) {
        let due = lastSweep.withLock { last in
            guard last.map({ now.timeIntervalSince($0) >= timing.sweepInterval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        do {
            let deleted = try store.sweep(at: now)
            if deleted > 0 { logger.info("expired tasks swept", metadata: [RunnerLogKey.count: "\(deleted)"]) }
        } catch {
            logger.warning("task sweep failed", metadata: [RunnerLogKey.error: "\(error)"])
        }
    }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        liveThreads.add(1, ordering: .acquiringAndReleasing)
        let thread = Thread { [self] in
            body()
            liveThreads.subtract(1, ordering: .acquiringAndReleasing)
        }
        thread.start()
    }

    /// Sleeps up to `duration`, waking early (within 20 ms) when the runner stops.
    private func pause(_ duration: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now + duration
        while !isStopping, clock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }
}
