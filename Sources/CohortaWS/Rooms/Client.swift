import Domain
import Foundation
import WebSocketServer

/// The hub's record of one connection. Service thread only.
final class Client {
    enum Phase {
        /// Connected; its first frame must be `auth`.
        case awaitingAuth
        /// The token is being checked on a DB worker.
        case authenticating
        case ready(Viewer)
    }

    /// One room the client is in: the highest seq it was sent, and, while it is being caught up from the
    /// database, the live message events that arrived meanwhile (`nil` once it is live).
    struct Membership {
        var sentSeq: Int
        var buffered: [RoomEvent]?
        /// Which catch-up read is current (a leave, re-join or gap starts a new one; stale results are dropped).
        var generation: Int
        /// The join's request id until `joined` was sent; nil after (a gap repair sends no `joined`).
        var pendingJoin: String??
    }

    let peer: any Peer
    let openedAt: Date
    var phase: Phase = .awaitingAuth
    var rooms: [SessionID: Membership] = [:]
    /// The balance last reported to this client (from the user document), to send only changes.
    var creditsBalance: Int64?

    init(peer: any Peer, openedAt: Date) {
        self.peer = peer
        self.openedAt = openedAt
    }

    var viewer: Viewer? {
        if case .ready(let viewer) = phase { return viewer }
        return nil
    }
}

/// A session room: who is in it, and the newest state every joiner is sent. Service thread only.
final class Room {
    var members: Set<ConnectionID> = []
    /// The newest saved session seen (from a catch-up read or the change stream).
    var events: SessionEvents?
    /// The highest message seq seen live.
    var lastSeq = 0
    /// The seq a snapshot made now carries: a saved session can arrive before its last message does, and a
    /// room's snapshot seqs never go down.
    var snapshotSeq: Int { max(lastSeq, events?.seq ?? 0) }
    /// The turn being written, or the poll being answered, right now.
    var draft: RoomEvent?
    var poll: RoomEvent?
    /// The saved session `events` were made from (read or streamed), to re-stamp them with a later seq.
    var session: FocusGroupSession?
    /// Whether `session` is known to be the newest save: a catch-up read made it so, and the change stream keeps
    /// it so. A join then reads only the messages it missed (docs/realtime.md, "Exactly once").
    var isCurrent = false
    /// Counts what may have made `session` stale (a watcher lost its place, a run task failed): a read started
    /// before one of them does not make the state current.
    private(set) var epoch = 0

    /// The state may have missed a change: the next join reads the session again.
    func invalidate() {
        isCurrent = false
        epoch += 1
    }

    /// Whether a join by `viewer` may be answered from this room's state instead of reading the session.
    func serves(_ viewer: Viewer) -> Bool {
        guard isCurrent, let session else { return false }
        return viewer.isAdmin || session.ownerID == viewer.userID
    }
}
