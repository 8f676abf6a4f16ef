import Domain
import Foundation
import Logging
import Metrics
import WebSocketServer

/// Limits the hub enforces (docs/realtime.md, "Limits and liveness").
struct HubLimits: Sendable {
    var authTimeout: TimeInterval = 5
    var roomsPerConnection = 16
    var connectionsPerUser = 16
    /// Live message events buffered for one connection while it is caught up from the database.
    var catchUpBuffer = 4_096
}

/// Everything cohorta-ws knows about its clients and rooms, on the lws service thread: authentication,
/// rooms and their catch-up, client commands, and the fan-out of stored changes. Blocking work goes
/// through `StoreAccess`; nothing here blocks.
final class Hub {
    let access: any StoreAccess
    /// Checks a token's signature and lifetime (no I/O, on the service thread).
    let tokens: any TokenSigner
    let limits: HubLimits
    let clock: any Domain.Clock
    let logger: Logger
    var clients: [ConnectionID: Client] = [:]
    var rooms: [SessionID: Room] = [:]
    /// Each user's authenticated connections (the private channel).
    var connectionsByUser: [UserID: Set<ConnectionID>] = [:]
    /// The users with open connections, kept current by the users change stream.
    var knownUsers = KnownUsers()
    var nextGeneration = 1
    /// `cohorta_ws_connections` and `cohorta_ws_delivery_lag_seconds`; nil: no metrics.
    let metrics: MetricsSegment?

    init(
        access: any StoreAccess, tokens: any TokenSigner, limits: HubLimits, clock: any Domain.Clock, logger: Logger,
        metrics: MetricsSegment? = nil
    ) {
        self.metrics = metrics
        metrics?.add(.wsConnections, 0)
        self.access = access
        self.tokens = tokens
        self.limits = limits
        self.clock = clock
        self.logger = logger
    }

    // MARK: - Connections

    func opened(_ peer: any Peer) {
        clients[peer.id] = Client(peer: peer, openedAt: clock.now)
        metrics?.add(.wsConnections, 1)
    }

    func closed(_ peer: any Peer) {
        guard let client = clients.removeValue(forKey: peer.id) else { return }
        metrics?.add(.wsConnections, -1)
        for session in client.rooms.keys { removeMember(peer.id, from: session) }
        if let viewer = client.viewer {
            connectionsByUser[viewer.userID]?.remove(peer.id)
            if connectionsByUser[viewer.userID]?.isEmpty == true {
                connectionsByUser[viewer.userID] = nil
                knownUsers.forget(viewer.userID)
            }
        }
    }

    /// Once a second: unauthenticated connections past the deadline, and expired tokens, are closed.
    func sweep() {
        let now = clock.now
        for client in clients.values {
            switch client.phase {
            case .awaitingAuth, .authenticating:
                if now.timeIntervalSince(client.openedAt) > limits.authTimeout {
                    client.peer.close(.unauthenticated, reason: "authentication timeout")
                }
            case .ready(let viewer):
                if viewer.expiresAt <= now { client.peer.close(.unauthenticated, reason: "token expired") }
            }
        }
    }

    // MARK: - Frames

    func received(_ text: String, from peer: any Peer) {
        guard let client = clients[peer.id] else { return }
        let frame: ClientFrame
        switch ClientFrame.parse(text) {
        case .success(let parsed): frame = parsed
        case .failure(let error):
            if case .awaitingAuth = client.phase {
                peer.close(.unauthenticated, reason: "authenticate first")
            } else {
                send(error, to: client)
            }
            return
        }
        switch client.phase {
        case .awaitingAuth: authenticate(client, frame)
        case .authenticating:
            send(FrameError(.badRequest, "Wait for hello before sending.", requestID: frame.requestID), to: client)
        case .ready(let viewer): handle(frame, from: client, as: viewer)
        }
    }

    private func handle(_ frame: ClientFrame, from client: Client, as viewer: Viewer) {
        do throws(FrameError) {
            switch frame.type {
            case "ping": client.peer.send(Frame.text("pong", Reply(requestID: frame.requestID)))
            case "join": try join(client, frame)
            case "leave": try leave(client, frame)
            case "auth": throw FrameError(.badRequest, "Already authenticated.", requestID: frame.requestID)
            default:
                guard let command = try Self.command(frame) else {
                    throw FrameError(
                        .unknownType, "Unknown message type \"\(frame.type.prefix(64))\".", requestID: frame.requestID)
                }
                carryOut(command, frame: frame, from: client, as: viewer)
            }
        } catch {
            send(error, to: client)
        }
    }

    // MARK: - Replies

    func send(_ error: FrameError, to client: Client) {
        client.peer.send(Frame.text("error", ErrorReply(error)))
    }
}

/// `{"request_id": …}` when the client sent one.
struct Reply: Encodable {
    let requestID: String?

    enum CodingKeys: String, CodingKey { case requestID = "request_id" }
}

private struct ErrorReply: Encodable {
    let code: String
    let message: String
    let field: String?
    let requestID: String?
    let sessionID: String?

    init(_ error: FrameError) {
        code = error.code.rawValue
        message = error.message
        field = error.field
        requestID = error.requestID
        sessionID = error.sessionID?.rawValue
    }

    enum CodingKeys: String, CodingKey {
        case code, message, field
        case requestID = "request_id"
        case sessionID = "session_id"
    }
}
