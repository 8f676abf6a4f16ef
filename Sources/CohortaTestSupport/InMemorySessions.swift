public import Domain
import Foundation
import Synchronization

/// Sessions, their messages and their commands in memory, with the same contract as `MongoSessionStore`
/// (one lock for all three). Ids are sequential 24-digit hex.
public final class InMemorySessions: SessionStore {
    private struct State {
        var sessions: [SessionID: FocusGroupSession] = [:]
        var messages: [SessionID: [Int: SessionMessage]] = [:]
        /// In the order added; `done` marks those carried out.
        var commands: [(command: SessionCommand, done: Bool)] = []
        var nextID = 1

        mutating func makeID() -> String {
            defer { nextID += 1 }
            return String(format: "%024x", nextID)
        }
    }

    private let state = Mutex(State())  // guards sessions, messages, commands and nextID

    public init() {}

    // MARK: - Sessions

    public func insert(_ session: FocusGroupSession) throws -> FocusGroupSession {
        state.withLock { state in
            let stored = session.with(id: SessionID(state.makeID()))
            state.sessions[stored.id] = stored
            return stored
        }
    }

    public func session(id: SessionID, owner: UserID) throws -> FocusGroupSession? {
        state.withLock { $0.sessions[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func session(id: SessionID) throws -> FocusGroupSession? {
        state.withLock { $0.sessions[id] }
    }

    public func sessions(of focusGroup: FocusGroupID, owner: UserID) throws -> [FocusGroupSession] {
        state.withLock { state in
            state.sessions.values.filter { $0.ownerID == owner && $0.snapshot.focusGroupID == focusGroup }
                .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
        }
    }

    /// Copies the mutable part onto the stored session; the rest stays as inserted.
    public func save(_ session: FocusGroupSession) throws {
        try state.withLock { state in
            guard var stored = state.sessions[session.id], stored.ownerID == session.ownerID else {
                throw DomainError(.notFound, "No such session.")
            }
            stored.status = session.status
            stored.state = session.state
            stored.taskID = session.taskID
            stored.themes = session.themes
            stored.polls = session.polls
            stored.report = session.report
            stored.creditsCharged = session.creditsCharged
            stored.failure = session.failure
            stored.updatedAt = session.updatedAt
            stored.finishedAt = session.finishedAt
            state.sessions[session.id] = stored
        }
    }

    // MARK: - Messages

    public func append(_ message: SessionMessage) throws -> SessionMessage {
        state.withLock { state in
            if let stored = state.messages[message.sessionID]?[message.seq] { return stored }
            state.messages[message.sessionID, default: [:]][message.seq] = message
            return message
        }
    }

    public func messages(of session: SessionID, afterSeq: Int, limit: Int) throws -> [SessionMessage] {
        guard limit > 0 else { return [] }
        return state.withLock { state in
            Array(
                (state.messages[session] ?? [:]).values.filter { $0.seq > afterSeq }.sorted { $0.seq < $1.seq }
                    .prefix(limit))
        }
    }

    public func message(of session: SessionID, seq: Int) throws -> SessionMessage? {
        state.withLock { $0.messages[session]?[seq] }
    }

    // MARK: - Commands

    /// Stored under the command's id when it is a storage id (24 hex digits), else under a new one.
    @discardableResult
    public func add(_ command: SessionCommand) throws -> SessionCommand {
        try state.withLock { state in
            let isStorageID = command.id.count == 24 && command.id.allSatisfy(\.isHexDigit)
            let id = isStorageID ? command.id : state.makeID()
            guard !state.commands.contains(where: { $0.command.id == id }) else {
                throw DomainError(.conflict, "This command already exists.")
            }
            let stored = SessionCommand(
                id: id, sessionID: command.sessionID, kind: command.kind, text: command.text,
                personaID: command.personaID, createdAt: command.createdAt)
            state.commands.append((stored, false))
            return stored
        }
    }

    /// In the order given: by creation time, then the order added.
    public func pendingCommands(of session: SessionID) throws -> [SessionCommand] {
        state.withLock { state in
            state.commands.enumerated().filter { !$0.element.done && $0.element.command.sessionID == session }
                .sorted { ($0.element.command.createdAt, $0.offset) < ($1.element.command.createdAt, $1.offset) }
                .map(\.element.command)
        }
    }

    public func markDone(_ command: SessionCommand) throws {
        state.withLock { state in
            for index in state.commands.indices
            where state.commands[index].command.id == command.id
                && state.commands[index].command.sessionID == command.sessionID
            {
                state.commands[index].done = true
            }
        }
    }
}

extension FocusGroupSession {
    /// The same session under another id: what a store's `insert` gives back.
    public func with(id: SessionID) -> FocusGroupSession {
        FocusGroupSession(
            id: id, ownerID: ownerID, snapshot: snapshot, status: status, state: state, taskID: taskID,
            seedBase: seedBase, fork: fork, replayOf: replayOf, themes: themes, polls: polls, report: report,
            creditsCharged: creditsCharged, failure: failure, createdAt: createdAt, updatedAt: updatedAt,
            finishedAt: finishedAt)
    }
}
