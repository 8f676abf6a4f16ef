import Domain
import Foundation

/// Who is on the other end of an authenticated connection.
struct Viewer: Sendable, Equatable {
    let userID: UserID
    let isAdmin: Bool
    let tokenVersion: Int64
    let expiresAt: Date
    let creditsBalance: Credits
}

/// What a client joining a room has missed: the session now (nil when it was not read) and its messages after the
/// client's seq.
struct CatchUp: Sendable {
    let session: FocusGroupSession?
    let messages: [SessionMessage]
}

/// A researcher's control sent over the socket.
enum ClientCommand: Sendable, Equatable {
    /// Queued for the runner (interject, mention, say, pause, cancel, take over, hand back).
    case control(SessionCommand.Kind, text: String?, persona: PersonaID?)
    /// A paused session gets a new run task.
    case resume

    var kind: String {
        switch self {
        case .control(let kind, _, _): kind.rawValue
        case .resume: "resume"
        }
    }
}

/// What carrying out a command stored.
struct CommandReceipt: Sendable, Equatable {
    /// The queued command (nil when nothing was queued: resume, or cancelling a paused session).
    let commandID: String?
    let taskID: TaskID?
}

/// The blocking reads and writes behind the socket, run on DB worker threads (never the service thread).
/// Errors are `DomainError`s with the REST API's codes and messages.
protocol LiveStore: Sendable {
    /// The user behind a verified token, read now: refused when gone, disabled or revoked.
    func user(for claims: AccessClaims) throws -> KnownUser
    /// `notFound` unless the viewer owns the session or is an admin. Without `readingSession` only the messages
    /// are read and nothing is checked: the hub already holds the session and has checked the viewer against it.
    func catchUp(_ session: SessionID, for viewer: Viewer, afterSeq: Int, readingSession: Bool) throws -> CatchUp
    func carryOut(_ command: ClientCommand, on session: SessionID, for viewer: Viewer) throws -> CommandReceipt
}
