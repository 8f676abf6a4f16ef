import CohortaTestSupport
import Domain
import Foundation
import Testing

struct SessionResumeTests {
    @Test func aResumeRefusedForTooManyTasksLeavesTheSessionPaused() throws {
        let fixture = try QuotaLaunchTests.Fixture(limit: MicroUSD(1_000_000_000))
        var (session, _) = try fixture.launch.start(fixture.group, owner: fixture.owner)
        session.status = .paused
        try fixture.sessions.save(session)
        // The start's task plus two more: the user runs as many tasks as allowed (3).
        let launcher = TaskLauncher(store: fixture.tasks, clock: fixture.clock, policy: .standard)
        for _ in 0..<2 { _ = try launcher(TaskKind("discussion_guide"), for: fixture.owner, input: .null) }

        #expect(throws: DomainError.self) { try fixture.launch.resume(session.id, owner: fixture.owner) }
        #expect(try fixture.sessions.session(id: session.id)?.status == .paused)
    }
}
