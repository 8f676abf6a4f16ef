internal import CFCGI
public import Daemon
import Glibc
public import HTTPCore
public import Logging
public import Metrics

/// A FastCGI worker: `threads` accept threads on one listening socket, each calling `handler`.
///
/// Draining never touches the shared socket (it belongs to systemd and to the next generation):
/// `stop` sets a flag, then every ~100 ms sends `wakeSignal` with pthread_kill to threads idle in
/// accept(2), which returns EINTR (`FCGI_FAIL_ACCEPT_ON_INTR`, handler without SA_RESTART). Busy threads
/// finish their request (FCGX_Finish_r) before they look at the flag.
public final class FastCGIServer {
    /// Wakes accept threads during a drain; its handler does nothing.
    public static let wakeSignal = SIGUSR2

    private let listenDescriptor: Int32
    private let loops: [AcceptLoop]
    private let stopping = StopFlag()
    private let logger: Logger
    /// Main thread only (start/stop).
    private var threads: [pthread_t] = []

    public init(
        listenDescriptor: Int32, threads: Int, bodyLimits: BodyLimits, logger: Logger, metrics: MetricsSegment? = nil,
        handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
    ) {
        precondition(threads >= 1, "at least one accept thread")
        _ = FCGX_Init()
        self.listenDescriptor = listenDescriptor
        self.logger = logger
        let stopping = self.stopping
        loops = (0..<threads).map {
            AcceptLoop(
                index: $0, listenDescriptor: listenDescriptor, bodyLimits: bodyLimits, stopping: stopping,
                logger: logger, metrics: metrics, handler: handler)
        }
    }

    /// Call first in a worker process, before creating any thread: blocks SIGTERM (the main thread
    /// sigwaits for it), ignores SIGINT/SIGHUP (the supervisor owns those) and installs the wake handler.
    public static func prepareWorkerProcess() {
        ProcessSignals.block([SIGTERM])
        ProcessSignals.ignore([SIGINT, SIGHUP, SIGPIPE])
        ProcessSignals.installInterruptOnly(wakeSignal)
    }

    /// Starts the accept threads. The wake handler must be installed (`prepareWorkerProcess`).
    public func start() throws(SystemCallError) {
        ProcessSignals.installInterruptOnly(Self.wakeSignal)
        for loop in loops {
            var thread = pthread_t()
            let context = Unmanaged.passRetained(loop).toOpaque()
            let result = pthread_create(&thread, nil, acceptThreadMain, context)
            guard result == 0 else {
                Unmanaged<AcceptLoop>.fromOpaque(context).release()
                throw SystemCallError("pthread_create", errno: result)
            }
            threads.append(thread)
        }
    }

    /// Drains: no new requests, in-flight ones finish. True when every thread exited within `timeout`.
    @discardableResult
    public func stop(timeout: Duration = .seconds(10)) -> Bool {
        stopping.set()
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while loops.contains(where: { $0.currentPhase != .exited }), clock.now < deadline {
            for (thread, loop) in zip(threads, loops) where loop.currentPhase == .accepting {
                pthread_kill(thread, Self.wakeSignal)
            }
            usleep(100_000)
        }
        let drained = loops.allSatisfy { $0.currentPhase == .exited }
        if drained {
            for thread in threads { pthread_join(thread, nil) }
            threads = []
        }
        return drained
    }

    /// A worker's whole life: prepare signals, start, wait for SIGTERM, drain. For `WorkerPlan.run`.
    public func runUntilTerminated(drainTimeout: Duration = .seconds(10)) -> ExitCode {
        Self.prepareWorkerProcess()
        do {
            try start()
        } catch {
            logger.error("cannot start accept threads", metadata: [FastCGILogKey.error: "\(error)"])
            return .failure
        }
        logger.notice("worker accepting", metadata: ["threads": "\(loops.count)"])
        _ = ProcessSignals.wait(for: [SIGTERM])
        logger.notice("worker draining")
        guard stop(timeout: drainTimeout) else {
            logger.warning("worker drain timed out")
            return .failure
        }
        return .success
    }
}

@available(*, unavailable)
extension FastCGIServer: Sendable {}

/// pthread entry for an accept thread; takes over the +1 reference `start()` passed.
private func acceptThreadMain(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    guard let context else { return nil }
    // The creating thread's mask is inherited; whatever it was, this thread must receive the wake signal.
    ProcessSignals.unblock([FastCGIServer.wakeSignal])
    Unmanaged<AcceptLoop>.fromOpaque(context).takeRetainedValue().run()
    return nil
}
