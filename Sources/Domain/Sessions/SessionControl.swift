public import Foundation

/// The researcher's live seat and the reads of a session: commands are checked here and queued for the
/// runner (which carries them out between turns); another user's session is a 404.
public struct SessionControl: Sendable {
    private let sessions: any SessionStore
    private let tasks: any TaskStore
    private let clock: any Clock
    private let newID: @Sendable () -> String

    public static let maximumMessagesPerPage = 200

    public init(
        sessions: any SessionStore, tasks: any TaskStore, clock: any Clock,
        newID: @escaping @Sendable () -> String = { UUID().uuidString }
    ) {
        self.sessions = sessions
        self.tasks = tasks
        self.clock = clock
        self.newID = newID
    }

    public func session(_ id: SessionID, owner: UserID) throws -> FocusGroupSession {
        guard let session = try sessions.session(id: id, owner: owner) else { throw SessionLaunch.notFound }
        return try settled(session)
    }

    /// For watching: the owner's session, or any session for an admin; another user's is a 404.
    public func session(_ id: SessionID, watchedBy user: UserID, isAdmin: Bool) throws -> FocusGroupSession {
        guard let session = try sessions.session(id: id), session.ownerID == user || isAdmin else {
            throw SessionLaunch.notFound
        }
        return try settled(session)
    }

    public func sessions(of group: FocusGroupID, owner: UserID) throws -> [FocusGroupSession] {
        try sessions.sessions(of: group, owner: owner).map(settled)
    }

    /// A session whose run task ended without the run ending it (its runners kept dying, or the task was
    /// cancelled directly) is ended here, as the task says, with a partial report.
    private func settled(_ session: FocusGroupSession) throws -> FocusGroupSession {
        guard session.status.isActive, let taskID = session.taskID,
            let task = try tasks.task(taskID, of: session.ownerID), task.status == .failed || task.status == .cancelled
        else { return session }
        var ended = session
        ended.status = task.status == .cancelled ? .cancelled : .failed
        ended.failure = task.status == .failed ? task.error?.message ?? "The run stopped unexpectedly." : nil
        ended.report = ended.report ?? SessionReport.partial(state: ended.state, themes: ended.themes)
        ended.finishedAt = task.finishedAt ?? clock.now
        ended.updatedAt = clock.now
        try sessions.save(ended)
        return ended
    }

    /// The session and its messages after `afterSeq`, in order (`limit` 1…200): one poll of the page.
    public func transcript(of id: SessionID, owner: UserID, afterSeq: Int, limit: Int) throws -> (
        session: FocusGroupSession, messages: [SessionMessage]
    ) {
        let session = try session(id, owner: owner)
        guard afterSeq >= 0 else { throw DomainError.invalid("after_seq", "after_seq must be 0 or more.") }
        guard (1...Self.maximumMessagesPerPage).contains(limit) else {
            throw DomainError.invalid("limit", "limit must be between 1 and \(Self.maximumMessagesPerPage).")
        }
        return (session, try sessions.messages(of: id, afterSeq: afterSeq, limit: limit))
    }

    /// Queues a command. `text` is required for interject and say; `persona` (one of the participants) for
    /// mention and optional for interject/say. Pause, take-over and the rest need a run in progress;
    /// cancelling also ends a paused session at once (then no command is queued).
    public func command(
        _ kind: SessionCommand.Kind, on id: SessionID, owner: UserID, text: String?, persona: PersonaID?
    ) throws -> (session: FocusGroupSession, command: SessionCommand?) {
        var session = try self.session(id, owner: owner)
        if let persona, session.snapshot.participant(persona) == nil {
            throw DomainError.invalid("persona_id", "That persona does not take part in this session.")
        }
        var message: String?
        switch kind {
        case .interject, .say:
            message = try SessionLaunch.validatedText(text ?? "", field: "text")
        case .mention:
            guard persona != nil else { throw DomainError.invalid("persona_id", "Say whom to mention.") }
        case .pause, .cancel, .takeOver, .handBack:
            break
        }
        if kind == .cancel, session.status == .paused {
            session.status = .cancelled
            session.report = session.report ?? SessionReport.partial(state: session.state, themes: session.themes)
            session.finishedAt = clock.now
            session.updatedAt = clock.now
            try sessions.save(session)
            return (session, nil)
        }
        guard session.status.isActive else {
            throw DomainError(.conflict, "The session is \(session.status.rawValue); it takes no commands now.")
        }
        if kind == .interject || kind == .say, ![.opening, .discussing].contains(session.state.phase) {
            throw DomainError(.conflict, "The discussion is closing; it takes no more messages.")
        }
        let command = SessionCommand(
            id: newID(), sessionID: id, kind: kind, text: message, personaID: persona, createdAt: clock.now)
        return (session, try sessions.add(command))
    }
}
