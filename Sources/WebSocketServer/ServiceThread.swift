internal import Glibc

/// Identity of the lws service thread: the thread that created the `LWSContext` and runs it.
public struct ServiceThread: Sendable {
    private let thread: pthread_t

    /// The calling thread.
    public static var current: ServiceThread { ServiceThread(thread: pthread_self()) }

    public var isCurrent: Bool { pthread_equal(thread, pthread_self()) != 0 }

    /// Programmer-error check: lws state touched from the wrong thread.
    public func preconditionIsCurrent(file: StaticString = #fileID, line: UInt = #line) {
        precondition(isCurrent, "must run on the lws service thread", file: file, line: line)
    }
}
