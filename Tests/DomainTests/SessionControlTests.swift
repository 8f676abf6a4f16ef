import CohortaTestSupport
import Domain
import Foundation
import Testing

struct SessionControlTests {
    let sessions = InMemorySessions()
    let control: SessionControl
    let owner = UserID("65f0c0ffee0000000000abcd")
    let participants = (1...3).map { PersonaID("65f0c0ffee00000000000b0\($0)") }

    let tasks = InMemoryTasks()

    init() { control = SessionControl(sessions: sessions, tasks: tasks, clock: MockClock()) }

    private func stored(_ change: (inout FocusGroupSession) -> Void = { _ in }) throws -> FocusGroupSession {
        var session = try sessions.insert(
            SessionFixtures.session(owner: owner, group: FocusGroupID("fg"), participants: participants))
        change(&session)
        try sessions.save(session)
        return session
    }

    @Test func aCommandIsQueuedForTheRunner() throws {
        let session = try stored { $0.state.phase = .discussing }
        let (_, command) = try control.command(
            .interject, on: session.id, owner: owner, text: " Why? ", persona: participants[1])
        let queued = try sessions.pendingCommands(of: session.id)
        #expect(queued.map(\.kind) == [.interject] && queued.first?.text == "Why?")
        // The id the caller gets back is the stored one (the runner acknowledges that id).
        #expect(command?.id == queued.first?.id)
        #expect(queued.first?.personaID == participants[1])
    }

    @Test func onlyTheOwnerOrAnAdminMayWatchASession() throws {
        let session = try stored { $0.state.phase = .discussing }
        #expect(try control.session(session.id, watchedBy: owner, isAdmin: false).id == session.id)
        #expect(try control.session(session.id, watchedBy: UserID("someone-else"), isAdmin: true).id == session.id)
        #expect(throws: DomainError.self) {
            try control.session(session.id, watchedBy: UserID("someone-else"), isAdmin: false)
        }
    }

    @Test func badCommandsAreFieldErrors() throws {
        let session = try stored { $0.state.phase = .discussing }
        for (kind, text, persona, field) in [
            (SessionCommand.Kind.interject, nil, nil, "text"), (.say, "", nil, "text"),
            (.mention, nil, nil, "persona_id"),
            (.mention, nil, PersonaID("stranger"), "persona_id"),
        ] as [(SessionCommand.Kind, String?, PersonaID?, String)] {
            let error = #expect(throws: DomainError.self) {
                try control.command(kind, on: session.id, owner: owner, text: text, persona: persona)
            }
            #expect(error?.field == field)
        }
        #expect(try sessions.pendingCommands(of: session.id).isEmpty)
    }

    @Test func aClosingDiscussionTakesNoMoreMessages() throws {
        let session = try stored { $0.state.phase = .closing }
        let error = #expect(throws: DomainError.self) {
            try control.command(.interject, on: session.id, owner: owner, text: "Wait!", persona: nil)
        }
        #expect(error?.code == .conflict)
        _ = try control.command(.pause, on: session.id, owner: owner, text: nil, persona: nil)
    }

    @Test func cancellingAPausedSessionEndsItAtOnceWithAPartialReport() throws {
        let session = try stored {
            $0.status = .paused
            $0.report = nil
        }
        let cancelled = try control.command(.cancel, on: session.id, owner: owner, text: nil, persona: nil).session
        #expect(cancelled.status == .cancelled && cancelled.report?.partial == true)
        #expect(try sessions.session(id: session.id)?.status == .cancelled)
        #expect(throws: DomainError.self) {
            try control.command(.pause, on: session.id, owner: owner, text: nil, persona: nil)
        }
    }

    @Test func aSessionWhoseTaskEndedWithoutItIsEndedOnRead() throws {
        let task = try tasks.create(
            NewTask(
                userID: owner, kind: SessionLaunch.kind, input: .null, progress: .queued,
                createdAt: Date(timeIntervalSince1970: 1_800_000_000)),
            activeLimit: 3)
        _ = try tasks.requestCancel(
            task.id, of: owner, at: Date(timeIntervalSince1970: 1_800_000_001),
            expiresAt: Date(timeIntervalSince1970: 1_800_100_000))
        let session = try stored {
            $0.status = .queued
            $0.taskID = task.id
            $0.report = nil
        }
        let read = try control.session(session.id, owner: owner)
        #expect(read.status == .cancelled && read.report?.partial == true)
        #expect(try sessions.session(id: session.id)?.status == .cancelled)
    }

    @Test func anotherUsersSessionIsNotFound() throws {
        let session = try stored()
        let error = #expect(throws: DomainError.self) {
            try control.command(
                .pause, on: session.id, owner: UserID("65f0c0ffee0000000000dddd"), text: nil, persona: nil)
        }
        #expect(error?.code == .notFound)
    }
}
