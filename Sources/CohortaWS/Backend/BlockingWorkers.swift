import Foundation
import Synchronization

/// A few threads that run blocking jobs (MongoDB reads and writes) for the lws service thread, which
/// must never block. Jobs run in submission order across the threads; a full backlog refuses new ones,
/// so a flood of joins cannot grow memory without bound.
final class BlockingWorkers: Sendable {
    private struct Backlog {
        var jobs: [@Sendable () -> Void] = []
        var head = 0
        var isStopping = false
        var count: Int { jobs.count - head }
    }

    private let backlog = Mutex(Backlog())
    private let available = DispatchSemaphore(value: 0)
    private let capacity: Int
    private let threads: Int
    private let finished = DispatchGroup()

    init(threads: Int, capacity: Int) {
        self.threads = threads
        self.capacity = capacity
        for index in 0..<threads {
            finished.enter()
            let thread = Thread { [self] in
                work()
                finished.leave()
            }
            thread.name = "cohorta-ws-db-\(index)"
            thread.start()
        }
    }

    /// Any thread. False when the backlog is full or the workers are stopping.
    @discardableResult
    func submit(_ job: @escaping @Sendable () -> Void) -> Bool {
        let accepted = backlog.withLock { backlog in
            guard !backlog.isStopping, backlog.count < capacity else { return false }
            backlog.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Finishes the jobs already submitted, then joins the threads.
    func stop() {
        backlog.withLock { $0.isStopping = true }
        for _ in 0..<threads { available.signal() }
        finished.wait()
    }

    /// Worker thread: one job at a time until stopped and drained.
    private func work() {
        while true {
            available.wait()
            let job: (@Sendable () -> Void)? = backlog.withLock { backlog in
                guard backlog.count > 0 else { return nil }
                let job = backlog.jobs[backlog.head]
                backlog.head += 1
                if backlog.head == backlog.jobs.count {
                    backlog.jobs.removeAll(keepingCapacity: true)
                    backlog.head = 0
                }
                return job
            }
            guard let job else { return }
            job()
        }
    }
}
