internal import CWebSockets
internal import Glibc
public import Logging

/// Owns one libwebsockets context, its vhosts (unix socket and/or 127.0.0.1 port) and every C
/// allocation they point to. Create it on the thread that will call `run()`: that thread is the
/// service thread and the only one that touches lws or connection state.
public final class LWSContext {
    public let serviceThread: ServiceThread
    /// Give this to other threads.
    public let handle: ServiceHandle

    let configuration: WebSocketServerConfiguration
    let handler: any WebSocketHandler
    let logger: Logger
    let state: ServiceThreadBound<ServiceState>

    private var context: OpaquePointer?
    private let wakeTarget: WakeTarget
    /// C memory lws reads for the context's whole life; freed in deinit after the context is gone.
    private let protocols: UnsafeMutablePointer<lws_protocols>
    private let retryPolicy: UnsafeMutablePointer<lws_retry_bo_t>
    private let drainTimer: UnsafeMutablePointer<lws_sorted_usec_list_t>
    private var cStrings: [UnsafeMutablePointer<CChar>] = []

    /// Service thread. Binds every configured listener or throws.
    public init(configuration: WebSocketServerConfiguration, handler: any WebSocketHandler, logger: Logger) throws {
        guard configuration.unixSocketPath != nil || configuration.loopbackPort != nil else {
            throw WebSocketServerError(.noListener, "configure a unix socket path or a loopback port")
        }
        precondition(configuration.hangUpAfter > configuration.pingAfter, "lws needs hang-up > ping")
        self.serviceThread = .current
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.state = ServiceThreadBound(ServiceState())
        let wakeTarget = WakeTarget()
        self.wakeTarget = wakeTarget
        self.handle = ServiceHandle(queue: CrossThreadQueue { wakeTarget.wake() })
        self.protocols = .allocate(capacity: 2)
        self.retryPolicy = .allocate(capacity: 1)
        self.drainTimer = .allocate(capacity: 1)
        drainTimer.initialize(to: lws_sorted_usec_list_t())
        retryPolicy.initialize(
            to: lws_retry_bo_t(
                retry_ms_table: nil, retry_ms_table_count: 0, conceal_count: 0,
                secs_since_valid_ping: UInt16(configuration.pingAfter.components.seconds),
                secs_since_valid_hangup: UInt16(configuration.hangUpAfter.components.seconds), jitter_percent: 0))
        protocols.initialize(
            to: lws_protocols(
                name: UnsafePointer(strdup("cohorta")), callback: lwsCallback,
                per_session_data_size: MemoryLayout<UnsafeMutableRawPointer?>.size, rx_buffer_size: 4096, id: 0,
                user: nil, tx_packet_size: 0))
        (protocols + 1).initialize(to: lws_protocols())
        lws_set_log_level(LLL_ERR | LLL_WARN, lwsLogEmit)
        try start()
    }

    /// Service thread (init). Creates the context, then one vhost per listener.
    private func start() throws {
        var info = lws_context_creation_info()
        // VALIDATE_UTF8 is read from the context options in lws 4.1, not the vhost's.
        info.options = UInt64(LWS_SERVER_OPTION_EXPLICIT_VHOSTS) | UInt64(LWS_SERVER_OPTION_VALIDATE_UTF8)
        // Unretained: the lws context never outlives self (destroyed in run() or deinit).
        info.user = Unmanaged.passUnretained(self).toOpaque()
        info.timeout_secs = 20
        guard let context = lws_create_context(&info) else {
            throw WebSocketServerError(.contextCreationFailed, "lws_create_context failed")
        }
        self.context = context
        wakeTarget.set(context)
        if let path = configuration.unixSocketPath {
            try addVhost(context, name: "unix", iface: path, port: 0, unix: true)
            // Access control is the runtime directory's job (see WebSocketServerConfiguration).
            chmod(path, 0o666)
            logger.notice("listening", metadata: ["socket": "\(path)"])
        }
        if let port = configuration.loopbackPort {
            try addVhost(context, name: "loopback", iface: "127.0.0.1", port: Int32(port), unix: false)
            logger.notice("listening", metadata: ["address": "127.0.0.1:\(port)"])
        }
    }

    /// Service thread (init).
    private func addVhost(_ context: OpaquePointer, name: String, iface: String, port: Int32, unix: Bool) throws {
        var info = lws_context_creation_info()
        info.vhost_name = UnsafePointer(keep(name))
        info.iface = UnsafePointer(keep(iface))
        info.port = port
        info.protocols = UnsafePointer(protocols)
        info.retry_and_idle_policy = UnsafePointer(retryPolicy)
        // DISABLE_IPV6: otherwise iface "127.0.0.1" binds [::] (all interfaces) in lws 4.1.
        info.options =
            UInt64(LWS_SERVER_OPTION_FAIL_UPON_UNABLE_TO_BIND) | UInt64(LWS_SERVER_OPTION_DISABLE_IPV6)
            | (unix ? UInt64(LWS_SERVER_OPTION_UNIX_SOCK) : 0)
        guard lws_create_vhost(context, &info) != nil else {
            throw WebSocketServerError(.listenFailed, "cannot listen on \(unix ? iface : "\(iface):\(port)")")
        }
    }

    /// Service thread (init). A C copy of `text` that lives as long as self.
    private func keep(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let copy = strdup(text) else { return nil }
        cStrings.append(copy)
        return copy
    }

    /// Service thread. Services until `handle.requestStop()`, then sends 1001 to every client,
    /// services until they are gone (at most `drainTimeout`) and destroys the context.
    public func run() {
        serviceThread.preconditionIsCurrent()
        guard let context else { return }
        while !state.value.isStopping {
            if lws_service(context, 0) < 0 { break }
        }
        drain(context)
        destroy()
    }

    /// Service thread. Closes every connection with 1001 and waits for the closes to complete.
    private func drain(_ context: OpaquePointer) {
        let open = Array(state.value.connections.values)
        logger.notice("draining", metadata: ["connections": "\(open.count)"])
        for connection in open { connection.close(.goingAway, reason: "server shutdown") }
        let deadline = ContinuousClock.now + configuration.drainTimeout
        // lws sleeps until an event; this timer is the event that ends a drain nobody answers.
        let (seconds, attoseconds) = configuration.drainTimeout.components
        lws_sul_schedule(context, 0, drainTimer, drainTimerFired, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        while !state.value.connections.isEmpty && ContinuousClock.now < deadline {
            if lws_service(context, 0) < 0 { break }
        }
        lws_sul_cancel(drainTimer)
    }

    /// Service thread. Refuses further posts, then destroys the context (lws reports CLOSED for
    /// any connection still open and unlinks the unix socket).
    private func destroy() {
        guard let context else { return }
        _ = handle.queue.close()
        lws_context_destroy(context)
        self.context = nil
        logger.notice("stopped")
    }

    /// Service thread (EVENT_WAIT_CANCELLED).
    func runPostedJobs() {
        for job in handle.queue.drain() {
            switch job {
            case .run(let work): work()
            case .stop: state.value.isStopping = true
            }
        }
    }

    /// Whichever thread releases the last reference; the service thread when `run()` returned.
    deinit {
        destroy()
        for text in cStrings { free(text) }
        free(UnsafeMutableRawPointer(mutating: protocols.pointee.name))
        protocols.deinitialize(count: 2)
        protocols.deallocate()
        retryPolicy.deinitialize(count: 1)
        retryPolicy.deallocate()
        drainTimer.deinitialize(count: 1)
        drainTimer.deallocate()
    }
}

@available(*, unavailable)
extension LWSContext: Sendable {}

/// Service-thread state of an `LWSContext`.
struct ServiceState {
    var connections: [ConnectionID: Connection] = [:]
    /// Sessions accepted in FILTER_PROTOCOL_CONNECTION, claimed in ESTABLISHED (keyed by wsi).
    var acceptedHandshakes: [OpaquePointer: AcceptedHandshake] = [:]
    var nextConnectionID: UInt64 = 1
    var isStopping = false
}

struct AcceptedHandshake {
    let session: AnyObject?
}

/// The context pointer `lws_cancel_service` needs, readable from any thread.
final class WakeTarget: @unchecked Sendable {
    // @unchecked: `context` is written once on the service thread before the handle escapes, and
    // `wake` only runs under the CrossThreadQueue lock while the queue is open, i.e. before
    // lws_context_destroy (which closes the queue first).
    private var context: OpaquePointer?

    func set(_ context: OpaquePointer) { self.context = context }

    /// Any thread, under the queue lock. lws_cancel_service is lws's documented cross-thread wake.
    func wake() {
        if let context { lws_cancel_service(context) }
    }
}

/// Service thread. The drain deadline timer: waking lws_service is all it has to do.
func drainTimerFired(_ timer: UnsafeMutablePointer<lws_sorted_usec_list_t>?) {}
