public import Foundation

/// Sessions, their messages and their commands. Reads by owner treat another user's session as missing;
/// the runner reads by id. Thread-safe and synchronous.
public protocol SessionStore: Sendable {
    /// Stores `session` under a new id (the given id is replaced) and returns it.
    func insert(_ session: FocusGroupSession) throws -> FocusGroupSession
    func session(id: SessionID, owner: UserID) throws -> FocusGroupSession?
    /// For the runner, which acts for the owner.
    func session(id: SessionID) throws -> FocusGroupSession?
    /// The owner's sessions of a focus group, newest first.
    func sessions(of focusGroup: FocusGroupID, owner: UserID) throws -> [FocusGroupSession]
    /// Replaces the mutable part (status, state, task, themes, polls, report, charge, failure, timestamps).
    func save(_ session: FocusGroupSession) throws

    /// Stores a message once: a second message with the same seq is not stored, and the first one is
    /// returned (a resumed run that redoes a turn keeps the original). Returns the stored message.
    func append(_ message: SessionMessage) throws -> SessionMessage
    /// Messages with seq > `afterSeq`, in order, at most `limit`.
    func messages(of session: SessionID, afterSeq: Int, limit: Int) throws -> [SessionMessage]
    func message(of session: SessionID, seq: Int) throws -> SessionMessage?

    /// Stores a command and returns it as stored (the store may give it its own id).
    @discardableResult
    func add(_ command: SessionCommand) throws -> SessionCommand
    /// Commands not yet carried out, oldest first.
    func pendingCommands(of session: SessionID) throws -> [SessionCommand]
    /// Marks a command carried out, so a resumed run does not redo it.
    func markDone(_ command: SessionCommand) throws
}
