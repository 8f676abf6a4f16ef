import Domain
import WebSocketServer

/// Joining and leaving rooms, catching a client up from the database, and delivering room events in
/// seq order without gaps or duplicates (docs/realtime.md, "Exactly once").
extension Hub {
    func join(_ client: Client, _ frame: ClientFrame) throws(FrameError) {
        let session = try frame.requiredSessionID()
        let afterSeq = frame.afterSeq ?? 0
        guard afterSeq >= 0 else {
            throw FrameError(
                .badRequest, "after_seq must be 0 or more.", requestID: frame.requestID, sessionID: session)
        }
        guard client.rooms[session] != nil || client.rooms.count < limits.roomsPerConnection else {
            throw FrameError(
                .tooManyRooms, "A connection may watch at most \(limits.roomsPerConnection) sessions.",
                requestID: frame.requestID, sessionID: session)
        }
        client.rooms[session] = Client.Membership(
            sentSeq: afterSeq, buffered: [], generation: 0, pendingJoin: .some(frame.requestID))
        let room = rooms[session] ?? Room()
        room.members.insert(client.peer.id)
        rooms[session] = room
        catchUp(client, in: session)
    }

    func leave(_ client: Client, _ frame: ClientFrame) throws(FrameError) {
        let session = try frame.requiredSessionID()
        client.rooms[session] = nil
        removeMember(client.peer.id, from: session)
        client.peer.send(Frame.text("left", Left(sessionID: session.rawValue, requestID: frame.requestID)))
    }

    func removeMember(_ id: ConnectionID, from session: SessionID) {
        rooms[session]?.members.remove(id)
        if rooms[session]?.members.isEmpty == true { rooms[session] = nil }
    }

    /// Reads what the client missed after its `sentSeq`; live message events are buffered meanwhile. The session
    /// itself is read only when the room does not hold a current copy the viewer may watch, and nothing is read
    /// when the client has every message the room has seen.
    func catchUp(_ client: Client, in session: SessionID) {
        guard let viewer = client.viewer, var membership = client.rooms[session] else { return }
        let generation = nextGeneration
        nextGeneration += 1
        membership.generation = generation
        if membership.buffered == nil { membership.buffered = [] }
        client.rooms[session] = membership
        let afterSeq = membership.sentSeq
        let readingSession = rooms[session]?.serves(viewer) != true
        let epoch = rooms[session]?.epoch
        if !readingSession, let room = rooms[session], afterSeq >= room.lastSeq {
            // Nothing to read: the room's state is current, and every message after its last one arrives live.
            caughtUp(client, in: session, with: CatchUp(session: nil, messages: []), epoch: epoch)
            return
        }
        access.perform(
            { try $0.catchUp(session, for: viewer, afterSeq: afterSeq, readingSession: readingSession) },
            then: {
                [weak self, weak client] result in
                guard let self, let client, self.clients[client.peer.id] === client,
                    client.rooms[session]?.generation == generation
                else { return }
                switch result {
                case .success(let missed): self.caughtUp(client, in: session, with: missed, epoch: epoch)
                case .failure(let error):
                    let joinRequest = client.rooms[session]?.pendingJoin ?? nil
                    client.rooms[session] = nil
                    self.removeMember(client.peer.id, from: session)
                    self.send(FrameError(error, requestID: joinRequest, sessionID: session), to: client)
                }
            })
    }

    /// The missed messages, the room's current snapshots and draft, the buffered live messages (without
    /// what was just sent), then `joined` for a join. `epoch`: the room's when the read started.
    private func caughtUp(_ client: Client, in session: SessionID, with missed: CatchUp, epoch: Int?) {
        guard var membership = client.rooms[session], let room = rooms[session] else { return }
        room.lastSeq = max(room.lastSeq, missed.messages.last?.seq ?? 0)
        if let read = missed.session {
            // A read can be newer than the stream: members already live get what changed (the joiner,
            // still buffered, is sent every snapshot below).
            for event in adopt(read, in: room) { broadcast(event, in: room) }
            if room.epoch == epoch { room.isCurrent = true }
        } else if !room.isCurrent {
            // The state this read relied on may have gone stale meanwhile: read again, the session too.
            catchUp(client, in: session)
            return
        }
        if let current = room.session, room.events?.seq != SessionEvents.seq(of: current, seenSeq: room.lastSeq) {
            // Messages arrived since the snapshots were made: the same content, with the room's seq.
            adopt(current, in: room)
        }
        for message in missed.messages where message.seq > membership.sentSeq {
            client.peer.send(TurnEvents.final(message).text)
            membership.sentSeq = message.seq
        }
        for event in room.events?.all ?? [] { client.peer.send(event.text) }
        let buffered = membership.buffered ?? []
        membership.buffered = nil
        let joinRequest = membership.pendingJoin
        membership.pendingJoin = nil
        client.rooms[session] = membership
        for event in buffered { deliver(event, to: client) }
        if let poll = room.poll { deliver(poll, to: client) }
        if let draft = room.draft { deliver(draft, to: client) }
        if let joinRequest {
            let seq = client.rooms[session]?.sentSeq ?? membership.sentSeq
            client.peer.send(
                Frame.text("joined", Joined(sessionID: session.rawValue, seq: seq, requestID: joinRequest)))
        }
    }

    /// Keeps the newer of the room's session and `session`; returns the events that changed.
    @discardableResult
    func adopt(_ session: FocusGroupSession, in room: Room) -> [RoomEvent] {
        if let current = room.events, session.updatedAt < current.updatedAt { return [] }
        let events = SessionEvents(session, seenSeq: room.lastSeq)
        room.session = session
        defer { room.events = events }
        if !session.status.isActive {
            room.draft = nil
            room.poll = nil
        }
        return events.changes(since: room.events)
    }

    /// One room event to one member: buffered while it is caught up; a message only right after the last
    /// one sent (an older one is a duplicate, a later one means a gap, read from the database instead).
    /// Returns whether the frame was handed to the socket now.
    @discardableResult
    func deliver(_ event: RoomEvent, to client: Client) -> Bool {
        guard var membership = client.rooms[event.sessionID] else { return false }
        if var buffered = membership.buffered {
            guard event.kind == .message else { return false }
            if buffered.count >= limits.catchUpBuffer {
                // A very long catch-up: drop the buffer and read again from the database once this one ends.
                buffered.removeAll()
            }
            buffered.append(event)
            membership.buffered = buffered
            client.rooms[event.sessionID] = membership
            return false
        }
        switch event.kind {
        case .message:
            guard event.seq > membership.sentSeq else { return false }
            guard event.seq == membership.sentSeq + 1 else {
                catchUp(client, in: event.sessionID)
                return false
            }
            client.peer.send(event.text)
            membership.sentSeq = event.seq
            client.rooms[event.sessionID] = membership
            return true
        case .draft:
            guard event.seq > membership.sentSeq else { return false }
            client.peer.send(event.text)
            return true
        case .snapshot:
            client.peer.send(event.text)
            return true
        }
    }

    /// `event` to every member of its room; returns how many sockets were handed the frame.
    @discardableResult
    func broadcast(_ event: RoomEvent, in room: Room) -> Int {
        var handed = 0
        for id in room.members {
            if let client = clients[id], deliver(event, to: client) { handed += 1 }
        }
        return handed
    }
}

private struct Joined: Encodable {
    let sessionID: String
    let seq: Int
    let requestID: String?

    enum CodingKeys: String, CodingKey {
        case seq
        case sessionID = "session_id"
        case requestID = "request_id"
    }
}

private struct Left: Encodable {
    let sessionID: String
    let requestID: String?

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
        case requestID = "request_id"
    }
}
