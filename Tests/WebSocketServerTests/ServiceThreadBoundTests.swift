import Foundation
import Testing
import WebSocketServer

@Suite struct ServiceThreadBoundTests {
    @Test func ownerThreadReadsAndMutatesInPlace() {
        let bound = ServiceThreadBound([1, 2])
        bound.withValue { $0.append(3) }
        bound.value.append(4)
        #expect(bound.value == [1, 2, 3, 4])
        #expect(bound.owner.isCurrent)
    }

    @Test func anotherThreadIsNotTheOwner() {
        let bound = ServiceThreadBound(0)
        let owner = bound.owner
        let seenElsewhere = Thread.runAndWait { owner.isCurrent }
        #expect(seenElsewhere == false)
    }
}

extension Thread {
    /// Runs `body` on a fresh OS thread and waits for its result.
    static func runAndWait<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox<T>()
        Thread.detachNewThread {
            result.value = body()
            done.signal()
        }
        done.wait()
        guard let value = result.value else { preconditionFailure("thread produced no result") }
        return value
    }
}

/// Written by one thread before the semaphore signal, read after the wait.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
