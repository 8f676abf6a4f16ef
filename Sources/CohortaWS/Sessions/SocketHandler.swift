import Logging
import WebSocketServer

/// The lws side of cohorta-ws: the Origin check at the handshake, then every connection event handed to
/// the hub. Service thread only; nothing here blocks.
final class SocketHandler: WebSocketHandler {
    private let origins: OriginPolicy
    private let hub: Hub
    private let logger: Logger

    init(origins: OriginPolicy, hub: Hub, logger: Logger) {
        self.origins = origins
        self.hub = hub
        self.logger = logger
    }

    /// Service thread. Only the Origin is checked here: the token comes in the first frame, never in the URL.
    func handshake(_ request: HandshakeRequest) -> HandshakeDecision {
        guard origins.allows(origin: request.origin, host: request.host) else {
            logger.info(
                "handshake refused", metadata: ["reason": "origin not allowed", "origin": "\(request.origin ?? "")"])
            return .reject
        }
        return .accept(session: nil)
    }

    func connectionOpened(_ connection: Connection) {
        hub.opened(connection)
    }

    func connection(_ connection: Connection, received text: String) {
        hub.received(text, from: connection)
    }

    func connectionClosed(_ connection: Connection) {
        hub.closed(connection)
    }
}
