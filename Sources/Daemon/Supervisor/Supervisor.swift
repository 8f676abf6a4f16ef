import Glibc
public import Logging
public import Metrics

/// The prefork parent: forks `WorkerPlan.workers` children, respawns crashed ones with backoff, drains on
/// SIGTERM/SIGINT and rolls a new generation on SIGHUP. Runs on the main thread of a process that has
/// started no other threads (fork(2) copies only the caller). Decisions live in `SupervisorStateMachine`.
public final class Supervisor {
    private static let handledSignals = [SIGTERM, SIGINT, SIGHUP, SIGCHLD]

    private let logger: Logger
    private let drainTimeout: Duration
    private let clock = ContinuousClock()
    /// Folds reaped workers' counters into the role's retired segment and counts restarts; nil: no metrics.
    private let metrics: MetricsRetirement?

    public init(logger: Logger, drainTimeout: Duration = .seconds(10), metrics: MetricsRetirement? = nil) {
        self.logger = logger
        self.drainTimeout = drainTimeout
        self.metrics = metrics
    }

    /// Blocks until stopped. `reload` runs on SIGHUP (re-read configuration); if it throws, the current
    /// generation keeps running. Returns `.success` after a clean stop.
    public func run(_ initialPlan: WorkerPlan, reload: () throws -> WorkerPlan) -> ExitCode {
        let signals: SignalFlags
        do {
            signals = try SignalFlags(handling: Self.handledSignals)
        } catch {
            logger.error("cannot install signal handlers", metadata: [DaemonLogKey.error: "\(error)"])
            return .failure
        }
        var plan = initialPlan
        var machine = SupervisorStateMachine(workers: plan.workers, drainTimeout: drainTimeout)
        perform(machine.start(at: clock.now), machine: &machine, plan: plan, signals: signals)
        Notify.ready()
        logger.notice("supervisor ready", metadata: [DaemonLogKey.workers: "\(plan.workers)"])
        while true {
            let timeout = machine.nextDeadline.map { max(.zero, $0 - clock.now) }
            for signal in signals.wait(timeout: timeout) {
                switch signal {
                case SIGTERM, SIGINT:
                    Notify.stopping()
                    logger.notice("draining workers", metadata: [DaemonLogKey.signal: "\(signal)"])
                    perform(machine.stop(at: clock.now), machine: &machine, plan: plan, signals: signals)
                case SIGHUP:
                    Notify.reloading()
                    do {
                        plan = try reload()
                        logger.notice("reloading workers", metadata: [DaemonLogKey.workers: "\(plan.workers)"])
                        let actions = machine.reload(workers: plan.workers, at: clock.now)
                        perform(actions, machine: &machine, plan: plan, signals: signals)
                    } catch {
                        logger.error(
                            "reload failed; keeping current workers", metadata: [DaemonLogKey.error: "\(error)"])
                    }
                    Notify.ready()
                default:
                    break
                }
            }
            let allGone =
                metrics?.reaping { reapChildren(machine: &machine, plan: plan, signals: signals) }
                ?? reapChildren(machine: &machine, plan: plan, signals: signals)
            if allGone || perform(machine.tick(at: clock.now), machine: &machine, plan: plan, signals: signals) {
                logger.notice("supervisor stopped")
                return .success
            }
        }
    }

    /// Collects every exited child; true when the machine says the supervisor is done.
    private func reapChildren(machine: inout SupervisorStateMachine, plan: WorkerPlan, signals: SignalFlags) -> Bool {
        var status: Int32 = 0
        while case let pid = waitpid(-1, &status, WNOHANG), pid > 0 {
            let exit = ExitStatus(waitStatus: status)
            metrics?.fold(pid: pid)
            let metadata: Logger.Metadata = [DaemonLogKey.pid: "\(pid)", DaemonLogKey.status: "\(exit)"]
            if exit.isClean {
                logger.notice("worker exited", metadata: metadata)
            } else {
                logger.warning("worker exited", metadata: metadata)
            }
            if perform(machine.workerExited(pid: pid, at: clock.now), machine: &machine, plan: plan, signals: signals) {
                return true
            }
        }
        return false
    }

    /// Executes actions; returns true when the machine says to exit.
    @discardableResult
    private func perform(
        _ actions: [SupervisorStateMachine.Action], machine: inout SupervisorStateMachine, plan: WorkerPlan,
        signals: SignalFlags
    ) -> Bool {
        var exit = false
        for action in actions {
            switch action {
            case .spawn(let slot):
                spawn(slot: slot, machine: &machine, plan: plan, signals: signals)
            case .respawnScheduled(let slot, let delay):
                metrics?.countRestart()
                logger.notice(
                    "worker respawn scheduled",
                    metadata: [DaemonLogKey.slot: "\(slot)", DaemonLogKey.delay: "\(delay)"])
            case .terminate(let pids):
                for pid in pids { Glibc.kill(pid, SIGTERM) }
            case .kill(let pids):
                logger.warning("drain timed out; killing workers", metadata: [DaemonLogKey.pids: "\(pids)"])
                for pid in pids { Glibc.kill(pid, SIGKILL) }
            case .exit:
                exit = true
            }
        }
        return exit
    }

    private func spawn(slot: Int, machine: inout SupervisorStateMachine, plan: WorkerPlan, signals: SignalFlags) {
        let pid = fork()
        if pid == 0 {
            signals.detachInChild(restoring: Self.handledSignals)
            ProcessSignals.unblockAll()
            Glibc.exit(plan.run(slot).rawValue)
        }
        if pid < 0 {
            logger.error("fork failed", metadata: [DaemonLogKey.error: "\(SystemCallError("fork"))"])
            perform(machine.spawnFailed(slot: slot, at: clock.now), machine: &machine, plan: plan, signals: signals)
            return
        }
        machine.workerStarted(slot: slot, pid: pid, at: clock.now)
        logger.notice("worker started", metadata: [DaemonLogKey.pid: "\(pid)", DaemonLogKey.slot: "\(slot)"])
    }
}
