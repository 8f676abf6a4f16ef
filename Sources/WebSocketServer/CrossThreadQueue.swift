import Synchronization

/// The only way other threads talk to the lws service thread: lock, append, wake.
/// `wake` is `lws_cancel_service` in production; the service thread drains in
/// `LWS_CALLBACK_EVENT_WAIT_CANCELLED`. Once closed (before the lws context is destroyed) posts are
/// refused, and because `wake` runs under the lock, no post can wake a destroyed context.
public final class CrossThreadQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var isOpen = true
    }

    /// Guards `items` and `isOpen`; held while `wake` runs.
    private let state = Mutex(State())
    private let wake: @Sendable () -> Void

    public init(wake: @escaping @Sendable () -> Void) {
        self.wake = wake
    }

    /// Any thread. False when the queue is closed (the server is shutting down or gone).
    @discardableResult
    public func post(_ element: Element) -> Bool {
        state.withLock { state in
            guard state.isOpen else { return false }
            state.items.append(element)
            wake()
            return true
        }
    }

    /// Service thread. Everything posted so far, oldest first.
    public func drain() -> [Element] {
        state.withLock { state in
            defer { state.items.removeAll() }
            return state.items
        }
    }

    /// Service thread, just before the context is destroyed. Returns what was still queued.
    public func close() -> [Element] {
        state.withLock { state in
            state.isOpen = false
            defer { state.items.removeAll() }
            return state.items
        }
    }
}
