import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Logging
import Synchronization
import Testing

@testable import CohortaFCGI

/// An LLM that answers every request with `answer` (or throws `failure`) and keeps the requests it saw.
final class ScriptedLLM: LLMClient {
    let answer: JSONValue
    let failure: DomainError?
    let requests = Mutex<[LLMRequest]>([])  // guards the requests received, in order

    init(answer: JSONValue = .object([("changes", .array([]))]), failure: DomainError? = nil) {
        self.answer = answer
        self.failure = failure
    }

    func complete(
        _ request: LLMRequest, cancellation: CancellationCheck, onDelta: (@Sendable (String) -> Void)?
    ) throws -> LLMResponse {
        requests.withLock { $0.append(request) }
        if let failure { throw failure }
        return LLMResponse(
            content: answer.serialized, json: answer, model: "fake", usage: .zero, cost: .zero, requestHash: "h",
            servedFromReplay: false)
    }
}

@Suite struct PersonaModificationRouteTests {
    static let prompts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("prompts").path

    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    private func createPersona(_ token: String) -> String {
        let body = """
            {"name":"Maria Lopez","age":41,"gender":"female","location":"Madrid","occupation":"Teacher",
             "income_band":"middle","attitude":"pragmatist","bio":"Teaches maths.",
             "psychographics":{"values":["family","thrift"]}}
            """
        return api.send(.post, "/api/personas", json: body, token: token).body["id"] as? String ?? ""
    }

    private func modify(_ id: String, _ instruction: String, token: String) -> (status: Int, body: [String: Any]) {
        api.send(.post, "/api/personas/\(id)/modify", json: #"{"instruction":"\#(instruction)"}"#, token: token)
    }

    /// Runs the queued task once with the production executor over `llm`.
    private func runTask(with llm: ScriptedLLM) throws {
        let executor = PersonaModificationExecutor(
            personas: api.personas, llm: llm, prompts: try PromptDirectory.load(at: Self.prompts))
        let runner = TaskRunner(
            store: api.tasks, registry: ExecutorRegistry([executor]), clock: api.fixture.clock, policy: .standard,
            logger: Logger(label: "test"))
        #expect(runner.runOnce(owner: RunnerID("r1")))
    }

    @Test func modifyQueuesATaskWhoseResultIsTheReviewedDiffAndLeavesThePersonaAlone() throws {
        let token = api.signUp("ada@example.com")
        let id = createPersona(token)
        let accepted = modify(id, "make her more price-sensitive", token: token)
        #expect(accepted.status == 202)
        let taskID = try #require(accepted.body["task_id"] as? String)
        let llm = ScriptedLLM(
            answer: try JSONValue.parse(
                """
                {"changes":[
                 {"field":"income_band","before":"middle","after":"lower_middle","reason":"Tighter budget."},
                 {"field":"psychographics.values","before":["family","thrift"],"after":["thrift","value for money"],
                  "reason":"Price comes first."},
                 {"field":"attitude","before":"enthusiast","after":"skeptic","reason":"Misread."}]}
                """))
        try runTask(with: llm)

        let task = api.send(.get, "/api/tasks/\(taskID)", token: token).body
        #expect(task["kind"] as? String == "persona_modification")
        #expect(task["status"] as? String == "succeeded")
        let result = try #require(task["result"] as? [String: Any])
        #expect(result["persona_id"] as? String == id)
        #expect(result["dropped"] as? Int == 1)
        let changes = try #require(result["changes"] as? [[String: Any]])
        #expect(changes.map { $0["field"] as? String } == ["income_band", "psychographics.values"])
        #expect(changes[1]["after"] as? [String] == ["thrift", "value for money"])

        let request = try #require(llm.requests.withLock { $0.first })
        #expect(request.feature == .personaModification)
        #expect(request.template == "persona/modify@1")
        #expect(
            request.attribution
                == UsageAttribution(userID: request.attribution.userID, objectReference: "persona:\(id)"))
        let user = request.messages[1].content
        #expect(user.contains("<data name=\"instruction\">\nmake her more price-sensitive\n</data>"))
        #expect(user.contains(#""income_band":"middle""#))
        #expect(!user.contains(id))

        let persona = api.send(.get, "/api/personas/\(id)", token: token).body
        #expect(persona["income_band"] as? String == "middle")
    }

    @Test func anUnavailableModelFailsTheTaskWithAClearCode() throws {
        let token = api.signUp("ada@example.com")
        let taskID = modify(createPersona(token), "make her older", token: token).body["task_id"] as? String ?? ""
        try runTask(with: ScriptedLLM(failure: DomainError.unavailable(detail: "provider down")))
        let task = api.send(.get, "/api/tasks/\(taskID)", token: token).body
        #expect(task["status"] as? String == "failed")
        #expect((task["error"] as? [String: Any])?["code"] as? String == "modification_failed")
    }

    @Test func anotherUsersOrAnUnknownPersonaIsNotFound() {
        let id = createPersona(api.signUp("ada@example.com"))
        let eve = api.signUp("eve@example.com")
        #expect(modify(id, "make her older", token: eve).status == 404)
        #expect(modify("ffffffffffffffffffffffff", "make her older", token: eve).status == 404)
    }

    @Test func badBodiesAreFieldErrors() {
        let token = api.signUp("ada@example.com")
        let id = createPersona(token)
        for body in [#"{"instruction":"ab"}"#, #"{}"#, #"{"instruction":7}"#, #"{"instruction":"older","x":1}"#] {
            let response = api.send(.post, "/api/personas/\(id)/modify", json: body, token: token)
            #expect(response.status == 400, "\(body)")
            #expect(errorCode(response.body) == "invalid_input", "\(body)")
        }
        #expect(errorField(modify(id, "ab", token: token).body) == "instruction")
    }

    @Test func signInIsRequiredAndTheActiveTaskBoundApplies() {
        let token = api.signUp("ada@example.com")
        let id = createPersona(token)
        #expect(modify(id, "make her older", token: "").status == 401)
        for _ in 0..<TaskPolicy.standard.activePerUser {
            #expect(modify(id, "make her older", token: token).status == 202)
        }
        let refused = modify(id, "make her older", token: token)
        #expect(refused.status == 429)
        #expect(errorCode(refused.body) == "too_many_tasks")
    }
}
