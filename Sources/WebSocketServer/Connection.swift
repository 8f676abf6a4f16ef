internal import CWebSockets
public import Logging

/// Process-unique number of a WebSocket connection (for logs and maps; never reused while running).
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// WebSocket close status codes Cohorta sends (RFC 6455 §7.4.1).
public struct CloseCode: Hashable, Sendable {
    public let rawValue: UInt16
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let normal = CloseCode(1000)
    public static let goingAway = CloseCode(1001)
    public static let unsupportedData = CloseCode(1003)
    public static let policyViolation = CloseCode(1008)
    public static let messageTooBig = CloseCode(1009)
    public static let tryAgainLater = CloseCode(1013)
}

/// One upgraded WebSocket. Owned by the lws service thread: lws keeps a retained reference in the
/// connection's per-session slot from ESTABLISHED to CLOSED. Writes go through a bounded outbox,
/// one frame per SERVER_WRITEABLE.
public final class Connection {
    public let id: ConnectionID
    /// What the handler returned from `handshake` (e.g. the authenticated user).
    public let session: AnyObject?
    /// Carries `connection.id`; add metadata freely.
    public var logger: Logger
    /// False once a close was requested, the consumer was dropped, or lws reported CLOSED.
    public private(set) var isOpen = true

    let wsi: OpaquePointer
    private let serviceThread: ServiceThread
    private var outbox: Outbox<[UInt8]>
    private let slowConsumerClose: CloseCode
    private let slowConsumerGrace: Duration
    private var pendingClose: (code: CloseCode, reason: String)?
    /// Fragments of the message being received (service thread).
    var received: [UInt8] = []

    /// Service thread (ESTABLISHED).
    init(
        id: ConnectionID, wsi: OpaquePointer, session: AnyObject?, configuration: WebSocketServerConfiguration,
        logger: Logger
    ) {
        self.id = id
        self.wsi = wsi
        self.session = session
        self.outbox = Outbox(capacity: configuration.outboxCapacity)
        self.slowConsumerClose = configuration.slowConsumerClose
        self.slowConsumerGrace = configuration.slowConsumerGrace
        self.serviceThread = .current
        var logger = logger
        logger[metadataKey: "connection.id"] = "\(id)"
        self.logger = logger
    }

    /// Service thread. Queues one text frame. A full outbox means the peer is not reading fast enough:
    /// what is queued is discarded, a close frame is queued, and lws cuts the connection if the peer has
    /// not read it within the grace period (no close frame reaches a peer that does not read at all).
    public func send(_ text: String) {
        serviceThread.preconditionIsCurrent()
        guard isOpen else { return }
        var frame = [UInt8](repeating: 0, count: Int(CLWS_PRE))
        frame.append(contentsOf: text.utf8)
        switch outbox.push(frame) {
        case .queued(let wasEmpty):
            if wasEmpty { lws_callback_on_writable(wsi) }
        case .overflowed:
            isOpen = false
            logger.warning("slow consumer dropped", metadata: ["outbox.capacity": "\(outbox.capacity)"])
            pendingClose = (slowConsumerClose, "slow consumer")
            lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, Int32(clamping: slowConsumerGrace.components.seconds))
            lws_callback_on_writable(wsi)
        case .closed:
            break
        }
    }

    /// Service thread. Sends a close frame at the next WRITEABLE; frames still queued are discarded.
    public func close(_ code: CloseCode, reason: String) {
        serviceThread.preconditionIsCurrent()
        guard isOpen else { return }
        isOpen = false
        outbox.close()
        pendingClose = (code, String(decoding: reason.utf8.prefix(123), as: UTF8.self))
        lws_callback_on_writable(wsi)
    }

    /// Service thread (SERVER_WRITEABLE). Exactly one lws_write; re-arms while frames remain.
    /// Returns the callback's result: -1 closes the connection.
    func writeable() -> Int32 {
        if let pendingClose {
            setCloseReason(pendingClose.code, pendingClose.reason)
            return -1
        }
        guard var frame = outbox.pop() else { return 0 }
        let length = frame.count - Int(CLWS_PRE)
        let written = frame.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return lws_write(wsi, base + Int(CLWS_PRE), length, LWS_WRITE_TEXT)
        }
        // lws buffers any partial write itself; less than `length` means the socket failed.
        guard written >= length else { return -1 }
        if !outbox.isEmpty { lws_callback_on_writable(wsi) }
        return 0
    }

    /// Service thread. Records the close status lws sends when the callback then returns -1.
    func setCloseReason(_ code: CloseCode, _ reason: String) {
        var bytes = Array(reason.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            lws_close_reason(wsi, lws_close_status(rawValue: UInt32(code.rawValue)), buffer.baseAddress, buffer.count)
        }
    }

    /// Service thread (CLOSED).
    func markClosed() {
        isOpen = false
        outbox.close()
    }
}

@available(*, unavailable)
extension Connection: Sendable {}
