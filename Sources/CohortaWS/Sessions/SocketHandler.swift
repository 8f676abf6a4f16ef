import Domain
import Foundation
import Logging
import WebSocketServer

/// Cohorta's WebSocket behaviour: token check at the handshake, hello, ping → pong, and an error for
/// anything else. Service thread only: it must never block (JWT verification is one HMAC).
final class SocketHandler: WebSocketHandler {
    private let signer: any TokenSigner
    private let clock: any Domain.Clock
    private let logger: Logger
    private let decoder = JSONDecoder()

    init(signer: any TokenSigner, clock: any Domain.Clock, logger: Logger) {
        self.signer = signer
        self.clock = clock
        self.logger = logger
    }

    /// Service thread. The token comes from `?token=`; it is never logged, only why it failed.
    func handshake(_ request: HandshakeRequest) -> HandshakeDecision {
        guard let token = request.query["token"], !token.isEmpty else {
            logger.info("handshake refused", metadata: ["reason": "missing token"])
            return .reject
        }
        do {
            let claims = try signer.verify(token, at: clock.now)
            return .accept(session: ClientSession(userID: claims.subject, tokenVersion: claims.tokenVersion))
        } catch let error as DomainError {
            logger.info("handshake refused", metadata: ["reason": "\(error.detail ?? error.message)"])
            return .reject
        } catch {
            logger.error("handshake failed", metadata: ["error": "\(error)"])
            return .reject
        }
    }

    /// Service thread.
    func connectionOpened(_ connection: Connection) {
        guard let session = connection.session as? ClientSession else {
            connection.close(.policyViolation, reason: "unauthenticated")
            return
        }
        connection.logger[metadataKey: "user.id"] = "\(session.userID)"
        connection.logger.info("connected")
        connection.send(ServerMessage.hello(userID: session.userID.rawValue).json)
    }

    /// Service thread.
    func connection(_ connection: Connection, received text: String) {
        let type = try? decoder.decode(ClientMessage.self, from: Data(text.utf8)).type
        switch type {
        case "ping":
            connection.send(ServerMessage.pong.json)
        case .some(let other):
            connection.send(
                ServerMessage.error(code: "unknown_type", message: "Unknown message type \"\(other.prefix(64))\".").json
            )
        case .none:
            connection.send(
                ServerMessage.error(code: "unknown_type", message: "Messages must be JSON objects with a \"type\".")
                    .json)
        }
    }

    /// Service thread.
    func connectionClosed(_ connection: Connection) {
        connection.logger.info("disconnected")
    }
}
