import Daemon
import Testing

struct SupervisorStateMachineTests {
    let t0 = ContinuousClock.now

    func started(workers: Int = 2) -> SupervisorStateMachine {
        var machine = SupervisorStateMachine(workers: workers, drainTimeout: .seconds(10))
        let actions = machine.start(at: t0)
        #expect(actions == (0..<workers).map { .spawn(slot: $0) })
        for slot in 0..<workers { machine.workerStarted(slot: slot, pid: Int32(100 + slot), at: t0) }
        return machine
    }

    @Test func startSpawnsEverySlot() {
        #expect(started(workers: 3).livePIDs == [100, 101, 102])
    }

    @Test func crashedWorkerIsRespawnedAfterBackoff() {
        var machine = started()
        #expect(
            machine.workerExited(pid: 100, at: t0 + .seconds(1)) == [
                .respawnScheduled(slot: 0, after: .milliseconds(100))
            ])
        #expect(machine.nextDeadline == t0 + .seconds(1) + .milliseconds(100))
        #expect(machine.tick(at: t0 + .seconds(1) + .milliseconds(50)) == [])
        #expect(machine.tick(at: t0 + .seconds(1) + .milliseconds(100)) == [.spawn(slot: 0)])
    }

    @Test func crashLoopBacksOffExponentiallyUpToTheCap() {
        var machine = started(workers: 1)
        var now = t0
        var delays: [Duration] = []
        var pid: Int32 = 100
        for _ in 0..<9 {
            now = now + .milliseconds(10)
            guard case .respawnScheduled(_, let delay) = machine.workerExited(pid: pid, at: now).first else {
                Issue.record("no respawn")
                return
            }
            delays.append(delay)
            now = now + delay
            #expect(machine.tick(at: now) == [.spawn(slot: 0)])
            pid += 1
            machine.workerStarted(slot: 0, pid: pid, at: now)
        }
        #expect(delays.prefix(4) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)])
        #expect(delays.last == .seconds(10))
    }

    @Test func workerThatRanLongEnoughRespawnsFastAgain() {
        var machine = started(workers: 1)
        _ = machine.workerExited(pid: 100, at: t0 + .seconds(1))
        _ = machine.tick(at: t0 + .seconds(2))
        machine.workerStarted(slot: 0, pid: 101, at: t0 + .seconds(2))
        #expect(
            machine.workerExited(pid: 101, at: t0 + .seconds(30)) == [
                .respawnScheduled(slot: 0, after: .milliseconds(100))
            ])
    }

    @Test func stopDrainsThenExitsWhenAllAreGone() {
        var machine = started()
        #expect(machine.stop(at: t0) == [.terminate(pids: [100, 101])])
        #expect(machine.workerExited(pid: 100, at: t0 + .seconds(1)) == [])
        #expect(machine.workerExited(pid: 101, at: t0 + .seconds(1)) == [.exit])
    }

    @Test func stragglersAreKilledAtTheDrainDeadline() {
        var machine = started()
        _ = machine.stop(at: t0)
        _ = machine.workerExited(pid: 100, at: t0 + .seconds(1))
        #expect(machine.tick(at: t0 + .seconds(9)) == [])
        #expect(machine.tick(at: t0 + .seconds(10)) == [.kill(pids: [101])])
        #expect(machine.tick(at: t0 + .seconds(11)) == [])
        #expect(machine.workerExited(pid: 101, at: t0 + .seconds(11)) == [.exit])
    }

    @Test func stopDuringBackoffDoesNotRespawn() {
        var machine = started(workers: 1)
        _ = machine.workerExited(pid: 100, at: t0)
        #expect(machine.stop(at: t0) == [.exit])
    }

    @Test func reloadStartsNewGenerationThenDrainsOld() {
        var machine = started()
        let actions = machine.reload(workers: 3, at: t0 + .seconds(5))
        #expect(actions == [.spawn(slot: 0), .spawn(slot: 1), .spawn(slot: 2), .terminate(pids: [100, 101])])
        for slot in 0..<3 { machine.workerStarted(slot: slot, pid: Int32(200 + slot), at: t0 + .seconds(5)) }
        #expect(machine.workerExited(pid: 100, at: t0 + .seconds(6)) == [])
        #expect(machine.tick(at: t0 + .seconds(15)) == [.kill(pids: [101])])
        #expect(machine.livePIDs == [101, 200, 201, 202])
    }
}
