import Domain
import Logging
import WebSocketServer

/// A connection's first frame: its token, checked on the service thread (signature and lifetime), then against
/// its user, read from the database unless the user already has connections here (docs/realtime.md,
/// "Authentication").
extension Hub {
    /// Reads of one connection's user that a change to some user may overtake before the last is used as is.
    static let userReadsPerAuthentication = 3

    func authenticate(_ client: Client, _ frame: ClientFrame) {
        guard frame.type == "auth", let token = frame.token, !token.isEmpty, token.utf8.count <= 8_192 else {
            client.peer.close(.unauthenticated, reason: "authenticate first")
            return
        }
        client.phase = .authenticating
        let claims: AccessClaims
        do {
            claims = try tokens.verify(token, at: clock.now)
        } catch {
            refuse(client, error)
            return
        }
        authenticate(client, claims, reads: 0)
    }

    /// From what is known of the user, or from a read of it. A read that a user change overtook may hold the
    /// state from before that change: it is done again.
    private func authenticate(_ client: Client, _ claims: AccessClaims, reads: Int) {
        switch knownUsers.verdict(on: claims) {
        case .admitted(let user): admit(client, as: Viewer(user, claims: claims))
        case .revoked: refuse(client, DomainError.unauthenticated(detail: "token revoked"))
        case .unknown:
            let epoch = knownUsers.epoch
            access.perform(
                { try $0.user(for: claims) },
                then: { [weak self, weak client] result in
                    guard let self, let client, self.clients[client.peer.id] === client else { return }
                    switch result {
                    case .success(let user):
                        if self.knownUsers.epoch != epoch, reads + 1 < Self.userReadsPerAuthentication {
                            self.authenticate(client, claims, reads: reads + 1)
                            return
                        }
                        self.knownUsers.remember(user, as: claims.subject, readAt: epoch)
                        self.admit(client, as: Viewer(user, claims: claims))
                    case .failure(let error): self.refuse(client, error)
                    }
                })
        }
    }

    private func admit(_ client: Client, as viewer: Viewer) {
        let held = connectionsByUser[viewer.userID]?.count ?? 0
        guard held < limits.connectionsPerUser else {
            logger.info("too many connections", metadata: ["user.id": "\(viewer.userID)", "held": "\(held)"])
            client.peer.close(.tooManyConnections, reason: "too many connections")
            return
        }
        client.phase = .ready(viewer)
        client.creditsBalance = viewer.creditsBalance.value
        connectionsByUser[viewer.userID, default: []].insert(client.peer.id)
        client.peer.send(Frame.text("hello", Hello(userID: viewer.userID.rawValue)))
    }

    private func refuse(_ client: Client, _ error: any Error) {
        logger.info(
            "authentication refused",
            metadata: ["connection.id": "\(client.peer.id)", "reason": "\(Self.logReason(error))"])
        client.peer.close(.unauthenticated, reason: "authentication failed")
    }

    /// What the logs may say about a refused token (never the token).
    private static func logReason(_ error: any Error) -> String {
        (error as? DomainError).map { $0.detail ?? $0.message } ?? "\(type(of: error))"
    }
}

private struct Hello: Encodable {
    let userID: String
    let heartbeatSeconds = 30

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case heartbeatSeconds = "heartbeat_seconds"
    }
}
