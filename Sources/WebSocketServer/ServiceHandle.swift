/// Work another thread hands to the lws service thread.
enum ServiceJob: Sendable {
    case run(@Sendable () -> Void)
    case stop
}

/// The thread-safe face of an `LWSContext`: the only thing other threads may hold.
public struct ServiceHandle: Sendable {
    let queue: CrossThreadQueue<ServiceJob>

    /// Any thread. Runs `work` on the service thread soon; false if the server has shut down.
    @discardableResult
    public func execute(_ work: @escaping @Sendable () -> Void) -> Bool { queue.post(.run(work)) }

    /// Any thread (not from a signal handler: it takes a lock). Starts the graceful shutdown.
    @discardableResult
    public func requestStop() -> Bool { queue.post(.stop) }
}
