import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@testable import CohortaFCGI

@Suite struct DiscussionGuideRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    /// A signed-in user's token and a focus group of theirs (with `guide`, if given).
    private func owner(_ email: String, guide: DiscussionGuide? = nil) throws -> (token: String, group: FocusGroup) {
        let token = api.signUp(email)
        let me = api.send(.get, "/api/auth/me", token: token).body["user"] as? [String: Any]
        let id = try #require(me?["id"] as? String)
        let group = try api.focusGroups.insert(
            FocusGroup(
                id: FocusGroupID(""), ownerID: UserID(id), name: "Meal kits", objective: "Why parents try meal kits.",
                audience: "", language: "en", participantIDs: [], stimuli: [], settings: .standard, guide: guide,
                createdAt: api.fixture.clock.now, updatedAt: api.fixture.clock.now))
        return (token, group)
    }

    private static func guide() throws -> DiscussionGuide {
        let section = JSONValue.object([
            ("title", .string("Warm-up")), ("goal", .string("")), ("minutes", .number(5)), ("turn_budget", .number(8)),
            ("questions", .array([.object([("text", .string("How do you plan dinners?")), ("probes", .array([]))])])),
            ("poll", .null),
        ])
        return try DiscussionGuide(
            json: .object([
                ("introduction", .string("Welcome.")), ("sections", .array([section, section])),
                ("closing", .string("Thanks.")),
            ]), version: 1)
    }

    private func queued(_ response: (status: Int, body: [String: Any])) throws -> TaskRecord {
        #expect(response.status == 202)
        #expect(Array(response.body.keys) == ["task_id"])
        let id = try #require(response.body["task_id"] as? String)
        return try #require(api.tasks.task(TaskID(id)))
    }

    @Test func generatingQueuesAGuideTask() throws {
        let ada = try owner("ada@example.com")
        let task = try queued(api.send(.post, "/api/focus-groups/\(ada.group.id)/guide/generate", token: ada.token))
        #expect(task.kind == TaskKind("discussion_guide"))
        #expect(task.input == .object([("focus_group_id", .string(ada.group.id.rawValue))]))
    }

    @Test func regeneratingASectionQueuesASectionTask() throws {
        let ada = try owner("ada@example.com", guide: try Self.guide())
        let task = try queued(
            api.send(.post, "/api/focus-groups/\(ada.group.id)/guide/sections/s2/regenerate", token: ada.token))
        #expect(task.kind == TaskKind("discussion_guide_section"))
        #expect(task.input["section_id"] == .string("s2"))
    }

    @Test func anotherUsersOrAnUnknownGroupOrSectionIsNotFound() throws {
        let ada = try owner("ada@example.com", guide: try Self.guide())
        let eve = try owner("eve@example.com")
        for path in [
            "/api/focus-groups/\(ada.group.id)/guide/generate",
            "/api/focus-groups/\(ada.group.id)/guide/sections/s1/regenerate",
            "/api/focus-groups/ffffffffffffffffffffffff/guide/generate",
        ] {
            let response = api.send(.post, path, token: eve.token)
            #expect(response.status == 404 && errorCode(response.body) == "not_found", "\(path)")
        }
        let unknown = api.send(
            .post, "/api/focus-groups/\(ada.group.id)/guide/sections/s3/regenerate", token: ada.token)
        #expect(unknown.status == 404 && errorCode(unknown.body) == "not_found")
    }

    @Test func regeneratingASectionWithoutAGuideIsAConflict() throws {
        let ada = try owner("ada@example.com")
        let response = api.send(
            .post, "/api/focus-groups/\(ada.group.id)/guide/sections/s1/regenerate", token: ada.token)
        #expect(response.status == 409 && errorCode(response.body) == "conflict")
    }

    @Test func signingInIsRequiredAndTheActiveTaskBoundApplies() throws {
        let ada = try owner("ada@example.com")
        let path = "/api/focus-groups/\(ada.group.id)/guide/generate"
        #expect(api.send(.post, path).status == 401)
        for _ in 0..<TaskPolicy.standard.activePerUser {
            #expect(api.send(.post, path, token: ada.token).status == 202)
        }
        let refused = api.send(.post, path, token: ada.token)
        #expect(refused.status == 429 && errorCode(refused.body) == "too_many_tasks")
    }
}
