import CohortaTestSupport
import Domain
import Foundation
import Testing

struct ExportLaunchTests {
    let owner = UserID("0000000000000000000000u1")
    let stranger = UserID("0000000000000000000000u2")
    let exports = InMemoryExports()
    let personas = InMemoryPersonas()
    let sessions = InMemorySessions()
    let tasks = InMemoryTasks()
    let clock = MockClock()

    var launch: ExportLaunch {
        ExportLaunch(
            exports: exports, personas: personas, folders: personas, sessions: sessions,
            launch: TaskLauncher(store: tasks, clock: clock, policy: TaskPolicy(activePerUser: 2)), clock: clock,
            lifetime: 24 * 3600)
    }

    var lookup: ExportLookup { ExportLookup(exports: exports, clock: clock) }

    @Test func anExportStartsItsTaskAndIsPendingUntilReady() throws {
        let started = try launch(.personas(.all, .csv), by: owner)
        #expect(started.task.kind == ExportLaunch.kind)
        #expect(ExportRequest.fromTask(started.task.input)?.request == .personas(.all, .csv))
        #expect(started.export.taskID == started.task.id && started.export.status == .pending)
        #expect(started.export.expiresAt == clock.now.addingTimeInterval(24 * 3600))
        #expect(throws: DomainError(.notReady, "This export is still being prepared.")) {
            try lookup.downloadable(started.export.id, by: owner)
        }
        try exports.markReady(started.export.id, sizeBytes: 0, chunkCount: 0)
        #expect(try lookup.downloadable(started.export.id, by: owner).status == .ready)
    }

    @Test func anotherUsersExportOrSessionIsNotFound() throws {
        let started = try launch(.personas(.all, .json), by: owner)
        #expect(throws: DomainError.self) { try lookup(started.export.id, by: stranger) }
        #expect(try lookup.recent(of: stranger).isEmpty)
        let session = try sessions.insert(
            SessionFixtures.session(owner: owner, group: FocusGroupID("g1"), participants: [PersonaID("p1")]))
        #expect(throws: DomainError(.notFound, "No such session.", field: "session_id")) {
            try launch(.session(session.id, .md), by: stranger)
        }
        #expect(throws: DomainError(.notFound, "No such persona.", field: "persona_ids")) {
            try launch(.personas(.ids([PersonaID("nope")]), .md), by: owner)
        }
    }

    @Test func anExpiredLinkIsGoneAndLeavesTheList() throws {
        let started = try launch(.personas(.all, .md), by: owner)
        try exports.markReady(started.export.id, sizeBytes: 0, chunkCount: 0)
        clock.advance(by: 24 * 3600)
        #expect(throws: DomainError(.exportExpired, "This export has expired; export again to download it.")) {
            try lookup.downloadable(started.export.id, by: owner)
        }
        #expect(try lookup.recent(of: owner).isEmpty)
    }

    @Test func theActiveTaskBoundHoldsAndLeavesNoExportBehind() throws {
        _ = try launch(.personas(.all, .md), by: owner)
        _ = try launch(.personas(.all, .md), by: owner)
        #expect(throws: DomainError.self) { try launch(.personas(.all, .md), by: owner) }
        #expect(try lookup.recent(of: owner).count == 2)
    }

    @Test func requestsAreChecked() throws {
        #expect(throws: DomainError.self) {
            try ExportRequest(kind: "slides", format: "md", personaIDs: nil, folderID: nil, sessionID: nil)
        }
        #expect(throws: DomainError.self) {
            try ExportRequest(kind: "personas", format: "docx", personaIDs: nil, folderID: nil, sessionID: nil)
        }
        #expect(throws: DomainError.self) {
            try ExportRequest(kind: "session", format: "md", personaIDs: nil, folderID: nil, sessionID: nil)
        }
        #expect(throws: DomainError.self) {
            try ExportRequest(
                kind: "personas", format: "md", personaIDs: (0...1_000).map(String.init), folderID: nil, sessionID: nil)
        }
        #expect(
            try ExportRequest(kind: "personas", format: "csv", personaIDs: nil, folderID: "f1", sessionID: nil)
                == .personas(.folder(FolderID("f1")), .csv))
    }
}
