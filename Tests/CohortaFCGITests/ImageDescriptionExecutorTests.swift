import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Logging
import Synchronization
import Testing

@testable import CohortaFCGI

/// Names the bytes by their count (the real SHA-256 is tested in CryptoTests).
struct CountingDigest: Digest {
    func sha256Hex(_ bytes: [UInt8]) throws -> String { "digest of \(bytes.count) bytes" }
}

@Suite struct ImageDescriptionExecutorTests {
    let api: RouteTestHarness
    let token: String
    let group: String

    init() throws {
        let api = try RouteTestHarness()
        let token = api.signUp("ada@example.com")
        self.api = api
        self.token = token
        let ids = (0..<3).map { index in
            let body = """
                {"name":"P\(index)","age":41,"gender":"female","location":"Madrid","occupation":"Teacher",
                 "income_band":"middle","attitude":"pragmatist"}
                """
            return api.send(.post, "/api/personas", json: body, token: token).body["id"] as? String ?? ""
        }
        let body = #"""
            {"name":"Meal kits","objective":"Learn what makes parents try","language":"de",
             "participant_ids":["\#(ids[0])","\#(ids[1])","\#(ids[2])"]}
            """#
        group = api.send(.post, "/api/focus-groups", json: body, token: token).body["id"] as? String ?? ""
    }

    /// Uploads an image and returns the stimulus id and task id.
    func upload() throws -> (stimulus: String, task: String) {
        let response = api.sendBytes(
            .post, "/api/focus-groups/\(group)/stimuli/image?title=Box%20design", body: FocusGroupRouteTests.png,
            contentType: "image/png", token: token)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let stimulus = try #require((body["stimulus"] as? [String: Any])?["id"] as? String)
        return (stimulus, try #require(body["task_id"] as? String))
    }

    func runTask(with llm: ScriptedLLM) throws {
        let executor = ImageDescriptionExecutor(
            groups: api.focusGroups, images: api.stimulusImages, llm: llm,
            prompts: try PromptDirectory.load(at: PersonaModificationRouteTests.prompts), digest: CountingDigest(),
            clock: api.fixture.clock)
        let runner = TaskRunner(
            store: api.tasks, registry: ExecutorRegistry([executor]), clock: api.fixture.clock, policy: .standard,
            logger: Logger(label: "test"))
        #expect(runner.runOnce(owner: RunnerID("r1")))
    }

    func stimulus(_ id: String) -> [String: Any]? {
        let stimuli = api.send(.get, "/api/focus-groups/\(group)", token: token).body["stimuli"] as? [[String: Any]]
        return stimuli?.first { $0["id"] as? String == id }
    }

    @Test func theDescriptionIsStoredAndTheImageWasSentAsAVisionMessage() throws {
        let uploaded = try upload()
        let llm = ScriptedLLM(answer: .object([("description", .string("  A green box on a table. "))]))
        try runTask(with: llm)
        let task = api.send(.get, "/api/tasks/\(uploaded.task)", token: token).body
        #expect(task["status"] as? String == "succeeded")
        #expect((task["result"] as? [String: Any])?["description"] as? String == "A green box on a table.")
        #expect(stimulus(uploaded.stimulus)?["description"] as? String == "A green box on a table.")
        #expect(stimulus(uploaded.stimulus)?["description_status"] as? String == "ready")

        let request = try #require(llm.requests.withLock { $0.first })
        #expect(request.feature == .imageDescription)
        #expect(request.template == "focus-group/image-description@1")
        #expect(request.attribution.objectReference == "focus_group:\(group)")
        let user = try #require(request.messages.last)
        #expect(user.content.contains("<data name=\"title\">\nBox design\n</data>"))
        #expect(user.content.contains("<data name=\"language\">\nde\n</data>"))
        #expect(user.image?.bytes == FocusGroupRouteTests.png)
        #expect(user.image?.mediaType == "image/png")
        #expect(user.image?.sha256 == "digest of \(FocusGroupRouteTests.png.count) bytes")
    }

    @Test func anUnavailableModelMarksTheImageFailed() throws {
        let uploaded = try upload()
        try runTask(with: ScriptedLLM(failure: DomainError.unavailable(detail: "provider down")))
        let task = api.send(.get, "/api/tasks/\(uploaded.task)", token: token).body
        #expect(task["status"] as? String == "failed")
        #expect((task["error"] as? [String: Any])?["code"] as? String == "description_failed")
        #expect(stimulus(uploaded.stimulus)?["description_status"] as? String == "failed")
        #expect(stimulus(uploaded.stimulus)?["description"] is NSNull)
    }

    @Test func anEmptyAnswerMarksTheImageFailed() throws {
        let uploaded = try upload()
        try runTask(with: ScriptedLLM(answer: .object([("description", .string(" "))])))
        #expect(stimulus(uploaded.stimulus)?["description_status"] as? String == "failed")
    }

    @Test func aStimulusRemovedBeforeTheRunnerCameFailsTheTaskCleanly() throws {
        let uploaded = try upload()
        #expect(
            api.send(.delete, "/api/focus-groups/\(group)/stimuli/\(uploaded.stimulus)", token: token).status == 204)
        let llm = ScriptedLLM(answer: .object([("description", .string("A box."))]))
        try runTask(with: llm)
        let task = api.send(.get, "/api/tasks/\(uploaded.task)", token: token).body
        #expect((task["error"] as? [String: Any])?["code"] as? String == "stimulus_not_found")
        #expect(llm.requests.withLock { $0.isEmpty })
    }
}
