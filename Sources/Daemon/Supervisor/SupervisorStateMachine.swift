/// The supervisor's decisions as event → actions, with no I/O and the clock injected, so every
/// lifecycle (crash loops, reloads, drains, stragglers) is unit-tested. `Supervisor` executes the actions.
public struct SupervisorStateMachine: Sendable {
    public typealias Instant = ContinuousClock.Instant

    public enum Action: Sendable, Equatable {
        /// fork a worker for this slot of the current generation, then report `workerStarted`.
        case spawn(slot: Int)
        /// Informational: the slot's worker died and will be respawned after `after`.
        case respawnScheduled(slot: Int, after: Duration)
        /// SIGTERM: stop accepting, finish in-flight requests, exit.
        case terminate(pids: [Int32])
        /// SIGKILL: the drain deadline passed.
        case kill(pids: [Int32])
        /// Every worker is gone after a stop: exit 0.
        case exit
    }

    private enum Phase: Sendable, Equatable {
        case running
        case stopping
    }

    public let drainTimeout: Duration
    public private(set) var slots: [WorkerSlot]
    /// Workers told to stop (old generations, or all on shutdown) → SIGKILL deadline (nil once killed).
    private var draining: [Int32: Instant?] = [:]
    private var phase = Phase.running

    public init(workers: Int, drainTimeout: Duration = .seconds(10)) {
        precondition(workers >= 1, "at least one worker")
        self.drainTimeout = drainTimeout
        slots = Array(repeating: WorkerSlot(), count: workers)
    }

    /// Pids of every live worker, current and draining.
    public var livePIDs: [Int32] { (slots.compactMap(\.pid) + draining.keys).sorted() }

    /// When `tick` next has something to do.
    public var nextDeadline: Instant? {
        let respawns = phase == .running ? slots.compactMap(\.deadline) : []
        return (respawns + draining.values.compactMap { $0 }).min()
    }

    public mutating func start(at now: Instant) -> [Action] { tick(at: now) }

    public mutating func workerStarted(slot: Int, pid: Int32, at now: Instant) {
        slots[slot].started(pid: pid, at: now)
    }

    public mutating func spawnFailed(slot: Int, at now: Instant) -> [Action] {
        let action = slots[slot].spawnFailed(at: now)
        return [scheduled(slot, action)]
    }

    public mutating func workerExited(pid: Int32, at now: Instant) -> [Action] {
        if draining.removeValue(forKey: pid) != nil { return exitIfDone() }
        guard let slot = slots.firstIndex(where: { $0.pid == pid }) else { return [] }
        let action = slots[slot].childExited(at: now)
        if phase == .stopping { return exitIfDone() }
        return [scheduled(slot, action)]
    }

    /// SIGHUP: a new generation of `workers` starts, then every current worker drains.
    public mutating func reload(workers: Int, at now: Instant) -> [Action] {
        guard phase == .running else { return [] }
        precondition(workers >= 1, "at least one worker")
        let old = slots.compactMap(\.pid)
        for pid in old { draining[pid] = now + drainTimeout }
        slots = Array(repeating: WorkerSlot(), count: workers)
        var actions = tick(at: now)
        if !old.isEmpty { actions.append(.terminate(pids: old)) }
        return actions
    }

    /// SIGTERM/SIGINT: drain everyone; exit when all are gone.
    public mutating func stop(at now: Instant) -> [Action] {
        guard phase == .running else { return [] }
        phase = .stopping
        let running = slots.compactMap(\.pid)
        for pid in running { draining[pid] = now + drainTimeout }
        slots = []
        return running.isEmpty ? exitIfDone() : [.terminate(pids: running)]
    }

    /// Time passed: respawn due slots, SIGKILL overdue drains.
    public mutating func tick(at now: Instant) -> [Action] {
        var actions: [Action] = []
        if phase == .running {
            for index in slots.indices where slots[index].isDue(at: now) { actions.append(.spawn(slot: index)) }
        }
        let overdue = draining.filter { $0.value.map { $0 <= now } ?? false }.keys.sorted()
        if !overdue.isEmpty {
            for pid in overdue { draining[pid] = .some(nil) }
            actions.append(.kill(pids: overdue))
        }
        return actions
    }

    private func scheduled(_ slot: Int, _ action: WorkerSlot.Action) -> Action {
        switch action {
        case .respawn(let delay): .respawnScheduled(slot: slot, after: delay)
        }
    }

    private func exitIfDone() -> [Action] {
        phase == .stopping && draining.isEmpty ? [.exit] : []
    }
}
