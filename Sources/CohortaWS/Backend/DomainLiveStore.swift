import Domain

/// `LiveStore` over the same use cases the REST API uses, so a socket command is checked exactly like
/// `POST /api/sessions/:id/commands`.
struct DomainLiveStore: LiveStore {
    let authenticate: Authenticate
    let sessions: any SessionStore
    let control: SessionControl
    let launch: SessionLaunch

    /// Messages read per query while catching a client up.
    static let catchUpPage = 500

    func user(for claims: AccessClaims) throws -> KnownUser {
        KnownUser(try authenticate.user(for: claims))
    }

    func catchUp(_ id: SessionID, for viewer: Viewer, afterSeq: Int, readingSession: Bool) throws -> CatchUp {
        guard afterSeq >= 0 else { throw DomainError.invalid("after_seq", "after_seq must be 0 or more.") }
        let session =
            readingSession ? try control.session(id, watchedBy: viewer.userID, isAdmin: viewer.isAdmin) : nil
        var messages: [SessionMessage] = []
        while true {
            let page = try sessions.messages(
                of: id, afterSeq: messages.last?.seq ?? afterSeq, limit: Self.catchUpPage)
            messages += page
            if page.count < Self.catchUpPage { return CatchUp(session: session, messages: messages) }
        }
    }

    func carryOut(_ command: ClientCommand, on id: SessionID, for viewer: Viewer) throws -> CommandReceipt {
        switch command {
        case .control(let kind, let text, let persona):
            let (_, queued) = try control.command(kind, on: id, owner: viewer.userID, text: text, persona: persona)
            return CommandReceipt(commandID: queued?.id, taskID: nil)
        case .resume:
            let (_, task) = try launch.resume(id, owner: viewer.userID)
            return CommandReceipt(commandID: nil, taskID: task.id)
        }
    }
}
