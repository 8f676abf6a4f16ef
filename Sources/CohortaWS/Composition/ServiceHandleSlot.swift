import Synchronization
import WebSocketServer

/// The lws service handle, which exists only once the server does, for the parts built before it.
/// Set once on the main thread before the service loop runs, so no reader ever finds it empty.
final class ServiceHandleSlot: Sendable {
    private let handle = Mutex<ServiceHandle?>(nil)

    func set(_ value: ServiceHandle) { handle.withLock { $0 = value } }

    /// Any thread. Runs `work` on the service thread; false when the server is gone (or not yet there).
    @discardableResult
    func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        guard let handle = handle.withLock({ $0 }) else { return false }
        return handle.execute(work)
    }

    /// Any thread (not a signal handler). Starts the graceful shutdown; a stop before the server exists
    /// is lost, which only happens while starting (systemd then kills after its timeout).
    func requestStop() {
        _ = handle.withLock({ $0 })?.requestStop()
    }
}
