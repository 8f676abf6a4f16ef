import CohortaTestSupport
import Domain
import HTTPCore
import Testing

@testable import CohortaFCGI

@Suite struct TaskRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    private func userID(_ token: String) -> UserID {
        UserID((api.send(.get, "/api/auth/me", token: token).body["user"] as? [String: Any])?["id"] as? String ?? "")
    }

    private func launch(for token: String) throws -> TaskRecord {
        try TaskLauncher(store: api.tasks, clock: api.fixture.clock, policy: .standard)(
            TaskKind("test.steps"), for: userID(token), input: .null)
    }

    @Test func ownerReadsAndListsTheirTasks() throws {
        let token = api.signUp("ada@example.com")
        let task = try launch(for: token)
        let read = api.send(.get, "/api/tasks/\(task.id)", token: token)
        #expect(read.status == 200)
        #expect(read.body["status"] as? String == "queued")
        #expect((read.body["progress"] as? [String: Any])?["done"] as? Int == 0)
        let list = api.send(.get, "/api/tasks", token: token)
        #expect(list.body["total"] as? Int == 1)
    }

    @Test func anotherUsersTaskIsNotFoundForReadAndCancel() throws {
        let task = try launch(for: api.signUp("ada@example.com"))
        let eve = api.signUp("eve@example.com")
        #expect(api.send(.get, "/api/tasks/\(task.id)", token: eve).status == 404)
        #expect(api.send(.delete, "/api/tasks/\(task.id)", token: eve).status == 404)
        #expect(api.send(.get, "/api/tasks", token: eve).body["total"] as? Int == 0)
    }

    @Test func cancellingAQueuedTaskIsAcceptedThenAConflict() throws {
        let token = api.signUp("ada@example.com")
        let task = try launch(for: token)
        let cancelled = api.send(.delete, "/api/tasks/\(task.id)", token: token)
        #expect(cancelled.status == 202)
        #expect(cancelled.body["status"] as? String == "cancelled")
        let again = api.send(.delete, "/api/tasks/\(task.id)", token: token)
        #expect(again.status == 409)
    }

    @Test func theActiveBoundIsTooManyTasks() throws {
        let token = api.signUp("ada@example.com")
        for _ in 0..<3 { _ = try launch(for: token) }
        let error = #expect(throws: DomainError.self) { try launch(for: token) }
        #expect(error?.code == .tooManyTasks)
        #expect(DomainErrorResponse(try #require(error)).status == .tooManyRequests)
    }

    @Test func tasksNeedSignIn() {
        #expect(api.send(.get, "/api/tasks").status == 401)
    }
}
