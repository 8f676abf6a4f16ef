/// Where and how the lws server listens. Values, no I/O.
public struct WebSocketServerConfiguration: Sendable {
    /// Unix socket path (production, behind nginx). Its mode is set to 0666 after bind: access is
    /// controlled by the parent directory (systemd `RuntimeDirectory=cohorta`, mode 0750, group www-data),
    /// so nginx workers can connect without lws chown'ing the socket to a fixed user.
    public var unixSocketPath: String?
    /// Optional TCP port on 127.0.0.1 only (tests and local debugging).
    public var loopbackPort: Int?
    /// Plain HTTP GET on this path answers `healthBody` as JSON.
    public var healthPath: String
    public var healthBody: String
    /// lws PINGs a connection idle this long (keep it below nginx `proxy_read_timeout`, 75 s)…
    public var pingAfter: Duration
    /// …and hangs up when nothing valid arrived for this long (must exceed `pingAfter`).
    public var hangUpAfter: Duration
    /// Largest reassembled inbound message; bigger ones are closed with 1009.
    public var maxMessageBytes: Int
    /// Frames queued per connection before it counts as a slow consumer and is dropped: its queue is
    /// discarded, it is sent `slowConsumerClose`, and cut `slowConsumerGrace` later if it still does not read.
    public var outboxCapacity: Int
    public var slowConsumerClose: CloseCode
    public var slowConsumerGrace: Duration
    /// How long SIGTERM waits for clients to acknowledge the 1001 close.
    public var drainTimeout: Duration

    public init(
        unixSocketPath: String? = nil, loopbackPort: Int? = nil, healthPath: String = "/ws/health",
        healthBody: String = #"{"status":"ok"}"#, pingAfter: Duration = .seconds(30),
        hangUpAfter: Duration = .seconds(60), maxMessageBytes: Int = 64 * 1024, outboxCapacity: Int = 1024,
        slowConsumerClose: CloseCode = .tryAgainLater, slowConsumerGrace: Duration = .seconds(5),
        drainTimeout: Duration = .seconds(2)
    ) {
        self.unixSocketPath = unixSocketPath
        self.loopbackPort = loopbackPort
        self.healthPath = healthPath
        self.healthBody = healthBody
        self.pingAfter = pingAfter
        self.hangUpAfter = hangUpAfter
        self.maxMessageBytes = maxMessageBytes
        self.outboxCapacity = outboxCapacity
        self.slowConsumerClose = slowConsumerClose
        self.slowConsumerGrace = slowConsumerGrace
        self.drainTimeout = drainTimeout
    }
}
