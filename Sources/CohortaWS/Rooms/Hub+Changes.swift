import Domain
import Foundation
import Logging
import Metrics
import Representations
import WebSocketServer

/// Stored changes from the change streams, fanned out to rooms and private channels.
extension Hub {
    /// Fans `change` out. When it reached at least one socket and `changedAt` is known, the time from the
    /// change to the moment its frame was handed to the last of those sockets is one sample of
    /// `cohorta_ws_delivery_lag_seconds` (docs/scaling.md, "Measuring delivery lag").
    func apply(_ change: StoredChange, changedAt: Date? = nil) {
        let handed = fanOut(change)
        guard handed > 0, let changedAt, let metrics else { return }
        metrics.observe(.wsDeliveryLag, max(0, clock.now.timeIntervalSince(changedAt)))
    }

    /// Returns how many sockets were handed a frame.
    private func fanOut(_ change: StoredChange) -> Int {
        switch change {
        case .message(let message): return messageStored(message)
        case .session(let session):
            guard let room = rooms[session.id] else { return 0 }
            return adopt(session, in: room).reduce(0) { $0 + broadcast($1, in: room) }
        case .activity(let activity): return activityChanged(activity)
        case .commandDone(let command):
            guard let room = rooms[command.sessionID] else { return 0 }
            return broadcast(
                RoomEvent(
                    "command.done", session: command.sessionID, seq: room.snapshotSeq, kind: .snapshot,
                    body: CommandDone(commandID: command.id, kind: command.kind.rawValue)), in: room)
        case .task(let task):
            // A session whose run task failed is ended by the next read of it (SessionControl): read it again.
            if task.status == .failed || task.status == .cancelled { for room in rooms.values { room.invalidate() } }
            let text = Frame.text("task.progress", TaskProgressBody(task: TaskRepresentation(task)))
            let members = clients(of: task.userID)
            for client in members { client.peer.send(text) }
            return members.count
        case .user(let user): return userChanged(user)
        case .positionLost(let collection):
            logger.warning(
                "change stream lost its place; rooms and users read again", metadata: ["collection": "\(collection)"])
            knownUsers.forgetAll()
            for (session, room) in rooms {
                room.invalidate()
                for id in room.members { if let client = clients[id] { catchUp(client, in: session) } }
            }
            return 0
        }
    }

    private func messageStored(_ message: SessionMessage) -> Int {
        guard let room = rooms[message.sessionID] else { return 0 }
        room.lastSeq = max(room.lastSeq, message.seq)
        if let draft = room.draft, draft.seq <= message.seq { room.draft = nil }
        return broadcast(TurnEvents.final(message), in: room)
    }

    private func activityChanged(_ activity: LiveActivity) -> Int {
        guard let room = rooms[activity.sessionID] else { return 0 }
        let event = TurnEvents.activity(activity, snapshotSeq: room.snapshotSeq)
        switch activity.kind {
        case .speaking(let seq, _, _, _):
            room.poll = nil
            // A draft of a message already stored arrived late: nothing to show.
            guard seq > room.lastSeq else { return 0 }
            room.draft = event
        case .polling:
            room.draft = nil
            room.poll = event
        case .idle:
            room.draft = nil
            room.poll = nil
        }
        return event.map { broadcast($0, in: room) } ?? 0
    }

    /// A revoked token closes the user's connections; a new balance reaches their private channel. Later
    /// connections are checked against the new state.
    private func userChanged(_ user: User) -> Int {
        knownUsers.changed(user)
        let text = Frame.text("balance.changed", BalanceChanged(creditsBalance: user.creditsBalance.value))
        var handed = 0
        for client in clients(of: user.id) {
            guard let viewer = client.viewer else { continue }
            if user.tokenVersion != viewer.tokenVersion {
                client.peer.close(.unauthenticated, reason: "token revoked")
            } else if client.creditsBalance != user.creditsBalance.value {
                client.creditsBalance = user.creditsBalance.value
                client.peer.send(text)
                handed += 1
            }
        }
        return handed
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
