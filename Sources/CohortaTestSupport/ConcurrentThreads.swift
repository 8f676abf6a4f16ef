public import Foundation

/// Runs `body(i)` for every i in 0..<count, each on its own OS thread, all at once, and returns when all
/// are done: races through blocking ports (never Swift's cooperative pool).
public func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let finished = DispatchGroup()
    let threads = (0..<count).map { index in
        finished.enter()
        return Thread {
            defer { finished.leave() }
            body(index)
        }
    }
    for thread in threads { thread.start() }
    finished.wait()
}
