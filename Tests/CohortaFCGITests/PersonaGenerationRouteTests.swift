import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@testable import CohortaFCGI

@Suite struct PersonaGenerationRouteTests {
    let harness: RouteTestHarness
    let token: String
    let brief = "Commuters thinking about an e-bike subscription."

    init() throws {
        harness = try RouteTestHarness()
        token = harness.signUp("ada@example.com")
    }

    @Test func pricingAndTheSamplingPlanNeedASignedInUser() {
        let pricing = harness.send(.get, "/api/pricing", token: token)
        #expect(pricing.status == 200)
        #expect(pricing.body["persona_creation_cost"] as? Int == 2)
        #expect(pricing.body["focus_group_run_cost"] as? Int == 40)
        let plan = harness.send(.get, "/api/personas/sampling-plan", token: token)
        #expect(plan.status == 200)
        let names = (plan.body["dimensions"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["age_band", "gender", "income_band", "attitude"])
        #expect(harness.send(.get, "/api/pricing").status == 401)
        #expect(harness.send(.get, "/api/personas/sampling-plan").status == 401)
    }

    @Test func generatingQueuesAPersonaGenerationTask() throws {
        let response = harness.send(
            .post, "/api/personas/generate",
            json: #"{"brief":"\#(brief)","count":4,"sampling":{"gender":{"female":1,"male":1}},"seed":9}"#,
            token: token)
        #expect(response.status == 202)
        let id = try #require(response.body["task_id"] as? String)
        let task = try #require(harness.tasks.task(TaskID(id)))
        #expect(task.kind == TaskKind("persona_generation"))
        let input = try PanelGenerationInput(json: task.input)
        #expect(input.count == 4 && input.seed == 9 && input.cost == Credits(2))
        #expect(input.plan.dimension(named: "gender")?.levels.map(\.value) == ["female", "male"])
        let polled = harness.send(.get, "/api/tasks/\(id)", token: token)
        #expect((polled.body["progress"] as? [String: Any])?["total"] as? Int == 5)
    }

    @Test func anUncoveredPanelIs402AndCreatesNoTask() throws {
        let email = try #require(EmailAddress("ada@example.com"))
        let user = try #require(try harness.fixture.accounts.user(email: email))
        _ = try harness.fixture.accounts.apply(
            LedgerChange(
                userID: user.id, amount: Credits(-47), kind: .debit, reason: "spent",
                idempotencyKey: try #require(IdempotencyKey("spent")), at: harness.fixture.clock.now))
        let response = harness.send(
            .post, "/api/personas/generate", json: #"{"brief":"\#(brief)","count":2}"#, token: token)
        #expect(response.status == 402)
        #expect(errorCode(response.body) == "insufficient_credits")
        #expect(
            (response.body["error"] as? [String: Any])?["message"] as? String
                == "This panel needs 4 credits; your balance is 3.")
        #expect(harness.send(.get, "/api/tasks", token: token).body["total"] as? Int == 0)
    }

    @Test(arguments: [
        (#"{"brief":"short"}"#, 400, "brief"),
        (#"{"brief":"Commuters on bikes","count":0}"#, 400, "count"),
        (#"{"brief":"Commuters on bikes","count":"3"}"#, 400, "count"),
        (#"{"brief":"Commuters on bikes","sampling":{"gender":["robot"]}}"#, 400, "sampling"),
        (#"{"brief":"Commuters on bikes","owner_id":"x"}"#, 400, "owner_id"),
        (#"{"brief":"Commuters on bikes","folder_id":"665f1c2e9b1d4a0012a4e0b1"}"#, 404, "folder_id"),
    ])
    func badRequestsNameTheirField(body: String, status: Int, field: String) {
        let response = harness.send(.post, "/api/personas/generate", json: body, token: token)
        #expect(response.status == status)
        #expect(errorField(response.body) == field)
    }
}
