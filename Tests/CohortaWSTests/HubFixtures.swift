import CohortaTestSupport
import Domain
import Foundation
import WebSocketServer

@testable import CohortaWS

/// A connection that records what the hub sent it.
final class RecordingPeer: Peer {
    let id: ConnectionID
    private(set) var frames: [[String: Any]] = []
    private(set) var closedWith: CloseCode?

    init(_ id: UInt64) { self.id = ConnectionID(id) }

    func send(_ text: String) {
        guard closedWith == nil else { return }
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        frames.append(object ?? ["unparsable": text])
    }

    func close(_ code: CloseCode, reason: String) {
        if closedWith == nil { closedWith = code }
    }

    var types: [String] { frames.compactMap { $0["type"] as? String } }
    /// The seqs of the `turn.final` frames received, in order.
    var finalSeqs: [Int] { frames.filter { $0["type"] as? String == "turn.final" }.compactMap { $0["seq"] as? Int } }
    func clear() { frames.removeAll() }
}

/// Tokens "token-<user>" (version 0) or "token-<user>.v<version>", expiring at `expiresAt`; anything else is refused.
final class FakeTokens: TokenSigner, @unchecked Sendable {
    // @unchecked: tests run the hub on one thread.
    var expiresAt = SessionFixtures.start.addingTimeInterval(3_600)

    func sign(_ claims: AccessClaims) throws -> String { "token-\(claims.subject.rawValue).v\(claims.tokenVersion)" }

    func verify(_ token: String, at now: Date) throws -> AccessClaims {
        guard token.hasPrefix("token-"), now < expiresAt else { throw DomainError.unauthenticated(detail: "bad token") }
        let parts = token.dropFirst("token-".count).split(separator: ".v", maxSplits: 1)
        guard let user = parts.first else { throw DomainError.unauthenticated(detail: "bad token") }
        return AccessClaims(
            subject: UserID(String(user)), tokenVersion: parts.count == 2 ? Int64(parts[1]) ?? -1 : 0,
            issuedAt: SessionFixtures.start, notBefore: SessionFixtures.start, expiresAt: expiresAt)
    }
}

/// A `LiveStore` over in-memory sessions and users' token versions; "admin" is an admin.
final class FakeLiveStore: LiveStore, @unchecked Sendable {
    // @unchecked: tests run the hub and the store on one thread.
    var sessions: [SessionID: FocusGroupSession] = [:]
    var messages: [SessionID: [SessionMessage]] = [:]
    var commands: [(ClientCommand, SessionID)] = []
    var tokenVersions: [String: Int64] = [:]

    /// How many times a user was read to authenticate a connection.
    var userReads = 0

    func user(for claims: AccessClaims) throws -> KnownUser {
        userReads += 1
        let stored = tokenVersions[claims.subject.rawValue] ?? 0
        guard claims.tokenVersion == stored else { throw DomainError.unauthenticated(detail: "token revoked") }
        return KnownUser(
            tokenVersion: stored, isAdmin: claims.subject.rawValue == "admin", creditsBalance: Credits(100))
    }

    /// How many catch-ups read the database, and how many of them read the session document.
    var catchUps = 0
    var sessionReads = 0

    func catchUp(_ id: SessionID, for viewer: Viewer, afterSeq: Int, readingSession: Bool) throws -> CatchUp {
        catchUps += 1
        let missed = (messages[id] ?? []).filter { $0.seq > afterSeq }
        guard readingSession else { return CatchUp(session: nil, messages: missed) }
        sessionReads += 1
        guard let session = sessions[id], session.ownerID == viewer.userID || viewer.isAdmin else {
            throw DomainError(.notFound, "No such session.")
        }
        return CatchUp(session: session, messages: missed)
    }

    func carryOut(_ command: ClientCommand, on id: SessionID, for viewer: Viewer) throws -> CommandReceipt {
        guard sessions[id]?.ownerID == viewer.userID else { throw DomainError(.notFound, "No such session.") }
        if case .control(.interject, let text, _) = command, text?.isEmpty ?? true {
            throw DomainError.invalid("text", "Say something.")
        }
        commands.append((command, id))
        return CommandReceipt(commandID: "c\(commands.count)", taskID: command == .resume ? TaskID("t1") : nil)
    }

    /// Stores a session for `owner` under `id`, with messages 1…`messages`.
    @discardableResult
    func addSession(_ id: String, owner: String, messages count: Int) throws -> FocusGroupSession {
        let stored = try SessionFixtures.session(
            owner: UserID(owner), group: FocusGroupID("g1"), participants: [PersonaID("p1"), PersonaID("p2")])
        let session = FocusGroupSession(
            id: SessionID(id), ownerID: stored.ownerID, snapshot: stored.snapshot, status: stored.status,
            state: stored.state, taskID: stored.taskID, seedBase: stored.seedBase, fork: nil, replayOf: nil,
            themes: stored.themes, polls: stored.polls, report: nil, creditsCharged: stored.creditsCharged,
            failure: nil, createdAt: stored.createdAt, updatedAt: stored.updatedAt, finishedAt: nil)
        sessions[session.id] = session
        messages[session.id] = (1...max(count, 1)).prefix(count).map { message(id, seq: $0) }
        return session
    }

    func message(_ session: String, seq: Int) -> SessionMessage {
        SessionFixtures.message(SessionID(session), seq: seq, text: "Message \(seq)")
    }
}

/// Runs store work at once and hands the result back at once, or, while `holding`, only at `release()`
/// (a read that is done but whose answer is still on its way while live events arrive).
final class ControlledAccess: StoreAccess {
    let store: FakeLiveStore
    var holding = false
    private var held: [() -> Void] = []

    init(store: FakeLiveStore) { self.store = store }

    func perform<Value: Sendable>(
        _ work: @escaping @Sendable (any LiveStore) throws -> Value, then: @escaping (Result<Value, any Error>) -> Void
    ) {
        let result = Result { try work(self.store) }
        if holding { held.append { then(result) } } else { then(result) }
    }

    func release() {
        holding = false
        let jobs = held
        held.removeAll()
        for job in jobs { job() }
    }
}

extension User {
    static func fixture(id: String) throws -> User {
        guard let email = EmailAddress("\(id)@example.com") else { throw DomainError.invalid("email", "bad") }
        return User(
            id: UserID(id), email: email, passwordHash: PasswordHash("fake$x"), role: .user,
            creditsBalance: Credits(100),
            tokenVersion: 0, createdAt: SessionFixtures.start)
    }
}

extension TaskRecord {
    static func fixture(user: String) throws -> TaskRecord {
        TaskRecord(
            id: TaskID("t1"), userID: UserID(user), kind: TaskKind("focus_group_run"), status: .running,
            progress: TaskProgress(done: 1, total: 4, message: "Thinking"), input: .null,
            createdAt: SessionFixtures.start, updatedAt: SessionFixtures.start)
    }
}
