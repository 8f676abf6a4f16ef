import Domain
import Logging
import Representations
import WebSocketServer

/// Stored changes from the change streams, fanned out to rooms and private channels.
extension Hub {
    func apply(_ change: StoredChange) {
        switch change {
        case .message(let message): messageStored(message)
        case .session(let session):
            guard let room = rooms[session.id] else { return }
            for event in adopt(session, in: room) { broadcast(event, in: room) }
        case .activity(let activity): activityChanged(activity)
        case .commandDone(let command):
            guard let room = rooms[command.sessionID] else { return }
            broadcast(
                RoomEvent(
                    "command.done", session: command.sessionID, seq: room.snapshotSeq, kind: .snapshot,
                    body: CommandDone(commandID: command.id, kind: command.kind.rawValue)), in: room)
        case .task(let task):
            let text = Frame.text("task.progress", TaskProgressBody(task: TaskRepresentation(task)))
            for client in clients(of: task.userID) { client.peer.send(text) }
        case .user(let user): userChanged(user)
        case .positionLost(let collection):
            logger.warning("change stream lost its place; rooms read again", metadata: ["collection": "\(collection)"])
            for (session, room) in rooms {
                for id in room.members { if let client = clients[id] { catchUp(client, in: session) } }
            }
        }
    }

    private func messageStored(_ message: SessionMessage) {
        guard let room = rooms[message.sessionID] else { return }
        room.lastSeq = max(room.lastSeq, message.seq)
        if let draft = room.draft, draft.seq <= message.seq { room.draft = nil }
        broadcast(TurnEvents.final(message), in: room)
    }

    private func activityChanged(_ activity: LiveActivity) {
        guard let room = rooms[activity.sessionID] else { return }
        let event = TurnEvents.activity(activity, snapshotSeq: room.snapshotSeq)
        switch activity.kind {
        case .speaking(let seq, _, _, _):
            room.poll = nil
            // A draft of a message already stored arrived late: nothing to show.
            guard seq > room.lastSeq else { return }
            room.draft = event
        case .polling:
            room.draft = nil
            room.poll = event
        case .idle:
            room.draft = nil
            room.poll = nil
        }
        if let event { broadcast(event, in: room) }
    }

    /// A revoked token closes the user's connections; a new balance reaches their private channel.
    private func userChanged(_ user: User) {
        let text = Frame.text("balance.changed", BalanceChanged(creditsBalance: user.creditsBalance.value))
        for client in clients(of: user.id) {
            guard let viewer = client.viewer else { continue }
            if user.tokenVersion != viewer.tokenVersion {
                client.peer.close(.unauthenticated, reason: "token revoked")
            } else if client.creditsBalance != user.creditsBalance.value {
                client.creditsBalance = user.creditsBalance.value
                client.peer.send(text)
            }
        }
    }

    private func clients(of user: UserID) -> [Client] {
        (connectionsByUser[user] ?? []).compactMap { clients[$0] }
    }
}

private struct CommandDone: Encodable {
    let commandID: String
    let kind: String

    enum CodingKeys: String, CodingKey {
        case kind
        case commandID = "command_id"
    }
}

private struct TaskProgressBody: Encodable {
    let task: TaskRepresentation
}

private struct BalanceChanged: Encodable {
    let creditsBalance: Int64

    enum CodingKeys: String, CodingKey { case creditsBalance = "credits_balance" }
}
