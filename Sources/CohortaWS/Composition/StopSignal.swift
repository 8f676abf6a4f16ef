import Daemon
import Foundation

/// SIGTERM / SIGINT for cohorta-ws. The lws service thread must never block in sigwait, so a small
/// dedicated thread does, and hands the stop request to the service thread through `onStop`.
enum StopSignal {
    /// Main thread, before any other thread exists (the mask is inherited by every later thread).
    static func onStop(_ onStop: @escaping @Sendable () -> Void) {
        ProcessSignals.ignore([SIGPIPE])
        ProcessSignals.block([SIGTERM, SIGINT])
        Thread.detachNewThread {
            // Signal thread: waits once, then asks the service thread to drain.
            _ = ProcessSignals.wait(for: [SIGTERM, SIGINT])
            Notify.stopping()
            onStop()
        }
    }
}
