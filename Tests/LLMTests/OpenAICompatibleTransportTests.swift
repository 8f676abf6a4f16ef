import Domain
import Foundation
import HTTPClient
import Logging
import Synchronization
import Testing

@testable import LLM

/// A persona-ish schema in the subset SchemaValidator checks.
let personaSchema = JSONValue.object([
    ("type", .string("object")),
    (
        "properties",
        .object([
            ("name", .object([("type", .string("string")), ("minLength", .number(1))])),
            ("age", .object([("type", .string("integer")), ("minimum", .number(18)), ("maximum", .number(90))])),
        ])
    ),
    ("required", .array([.string("name"), .string("age")])),
    ("additionalProperties", .bool(false)),
])

func transport(
    _ simulator: Simulator, authentication: OpenAICompatibleTransport.Configuration.Authentication = .none,
    timeout: Duration = .seconds(10)
) -> OpenAICompatibleTransport {
    OpenAICompatibleTransport(
        configuration: .init(baseURL: simulator.baseURL, authentication: authentication, timeout: timeout),
        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
}

func call(model: String, schema: JSONValue? = personaSchema, seed: Int = 1) -> LLMCall {
    LLMCall(
        model: model,
        messages: [
            ChatMessage(.system, "You create personas for market research."),
            ChatMessage(.user, "One persona for <data name=\"brief\">commuters who cycle</data>."),
        ],
        responseSchema: schema, schemaName: "persona_detail", temperature: 0.7, seed: seed, maxTokens: 800)
}

/// Collects deltas from the transport's callback.
final class Deltas: Sendable {
    private let parts = Mutex<[String]>([])
    var all: [String] { parts.withLock { $0 } }
    func append(_ part: String) { parts.withLock { $0.append(part) } }
}

@Suite(.simulator)
struct OpenAICompatibleTransportTests {
    var simulator: Simulator { get throws { try #require(Simulator.current) } }

    @Test func streamsTextInPiecesWithProviderUsage() throws {
        let deltas = Deltas()
        let completion = try transport(simulator).send(call(model: "t-stream", schema: nil), cancellation: .never) {
            deltas.append($0)
        }
        #expect(!completion.content.isEmpty)
        #expect(deltas.all.count > 1)
        #expect(deltas.all.joined() == completion.content)
        let usage = try #require(completion.usage)
        #expect(usage.promptTokens > 0 && usage.completionTokens > 0)
    }

    @Test func schemaAnswerIsJSONValidAgainstTheSchema() throws {
        let completion = try transport(simulator).send(call(model: "t-schema"), cancellation: .never, onDelta: nil)
        let value = try JSONValue.parse(completion.content)
        #expect(SchemaValidator.validate(value, against: personaSchema).isEmpty)
    }

    @Test func sameCallGivesTheSameAnswer() throws {
        let transport = transport(try simulator)
        let first = try transport.send(call(model: "t-same"), cancellation: .never, onDelta: nil)
        let second = try transport.send(call(model: "t-same"), cancellation: .never, onDelta: nil)
        #expect(first == second)
    }

    @Test func rateLimitReportsRetryAfter() throws {
        try simulator.queue(["429"], model: "t-429", extra: ["retry_after": 2])
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator).send(call(model: "t-429"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .rateLimited(retryAfter: .seconds(2)))
    }

    @Test func serverErrorReportsItsStatus() throws {
        try simulator.queue(["500"], model: "t-500")
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator).send(call(model: "t-500"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .server(status: 500))
    }

    @Test func hangingProviderTimesOut() throws {
        try simulator.queue(["timeout"], model: "t-timeout", extra: ["timeout_seconds": 5])
        let started = ContinuousClock.now
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator, timeout: .milliseconds(700)).send(
                call(model: "t-timeout"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(4))
    }

    @Test func slowStreamStillArrivesWhole() throws {
        try simulator.queue(["slow_stream"], model: "t-slow", extra: ["chunk_delay_ms": 20])
        let slow = try transport(simulator).send(call(model: "t-slow"), cancellation: .never, onDelta: nil)
        let normal = try transport(simulator).send(call(model: "t-slow"), cancellation: .never, onDelta: nil)
        #expect(slow == normal)
    }

    @Test func streamSlowerThanTheTimeoutTimesOut() throws {
        try simulator.queue(["slow_stream"], model: "t-slow-timeout", extra: ["chunk_delay_ms": 400])
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator, timeout: .seconds(1)).send(
                call(model: "t-slow-timeout"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .timeout)
    }

    @Test func cancellationAbandonsASlowStreamWithinASecondOrSo() throws {
        try simulator.queue(["slow_stream"], model: "t-cancel", extra: ["chunk_delay_ms": 3000])
        let started = ContinuousClock.now
        let cancelAt = started + .milliseconds(300)
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator, timeout: .seconds(60)).send(
                call(model: "t-cancel"), cancellation: CancellationCheck { ContinuousClock.now >= cancelAt },
                onDelta: nil)
        }
        #expect(error?.kind == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func malformedAnswerIsReturnedForTheGatewayToRepair() throws {
        try simulator.queue(["malformed_json"], model: "t-malformed")
        let completion = try transport(simulator).send(call(model: "t-malformed"), cancellation: .never, onDelta: nil)
        #expect((try? JSONValue.parse(completion.content)) == nil)
    }

    @Test func nothingListeningIsANetworkError() throws {
        let closed = OpenAICompatibleTransport(
            configuration: .init(baseURL: "http://127.0.0.1:9/v1", authentication: .none, timeout: .seconds(2)),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let error = #expect(throws: LLMTransportError.self) {
            try closed.send(call(model: "t-closed"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .network)
    }

    @Test func eachThreadUsesItsOwnConnectionConcurrently() throws {
        let shared = transport(try simulator)
        let results = Mutex<[Int: String]>([:])
        onThreads(4) { index in
            for round in 0..<3 {
                let answer = try? shared.send(
                    call(model: "t-threads", seed: index * 10 + round), cancellation: .never, onDelta: nil)
                results.withLock { $0[index * 10 + round] = answer?.content }
            }
        }
        let answers = results.withLock { $0 }
        #expect(answers.count == 12)
        #expect(answers.values.allSatisfy { !$0.isEmpty })
    }

    @Test func completionsURLKeepsTheBaseURLsQuery() {
        #expect(OpenAICompatibleTransport.completionsURL(base: "https://x/v1/") == "https://x/v1/chat/completions")
        #expect(
            OpenAICompatibleTransport.completionsURL(
                base: "https://r.openai.azure.com/openai/deployments/d?api-version=1")
                == "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=1")
    }

    @Test func requestBodyAsksForAStreamWithUsageAndTheSchema() {
        let body = OpenAICompatibleTransport.body(for: call(model: "m", seed: 3))
        #expect(body["model"] == .string("m"))
        #expect(body["seed"] == .number(3))
        #expect(body["max_tokens"] == .number(800))
        #expect(body["stream"] == .bool(true))
        #expect(body["stream_options"]?["include_usage"] == .bool(true))
        let format = body["response_format"]
        #expect(format?["type"] == .string("json_schema"))
        #expect(format?["json_schema"]?["name"] == .string("persona_detail"))
        #expect(format?["json_schema"]?["schema"] == personaSchema)
        #expect(OpenAICompatibleTransport.body(for: call(model: "m", schema: nil))["response_format"] == nil)
    }

    @Test func anImageTravelsAsADataURLPartAndIsDescribed() throws {
        struct CountingDigest: Digest {
            func sha256Hex(_ bytes: [UInt8]) throws -> String { "\(bytes.count)" }
        }
        // A PNG header is enough for the simulator to read the size (2×1).
        let png: [UInt8] =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [
                0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0,
            ]
        let image = try ChatImage(mediaType: "image/png", bytes: png, digest: CountingDigest())
        let schema = JSONValue.object([
            ("type", .string("object")), ("required", .array([.string("description")])),
            ("properties", .object([("description", .object([("type", .string("string"))]))])),
            ("additionalProperties", .bool(false)),
        ])
        let vision = LLMCall(
            model: "t-vision",
            messages: [ChatMessage(.system, "Describe images."), ChatMessage(.user, "Describe it.", image: image)],
            responseSchema: schema, schemaName: "image_description")
        let parts = OpenAICompatibleTransport.body(for: vision)["messages"]?.arrayValue?.last?["content"]?.arrayValue
        #expect(parts?.first == .object([("type", .string("text")), ("text", .string("Describe it."))]))
        #expect(parts?.last?["image_url"]?["url"] == .string(image.dataURL))
        #expect(image.dataURL.hasPrefix("data:image/png;base64,iVBORw0KGgo"))
        let completion = try transport(simulator).send(vision, cancellation: .never, onDelta: nil)
        let description = try JSONValue.parse(completion.content)["description"]?.stringValue
        #expect(description?.contains("PNG image (2×1 pixels)") == true)
        #expect((completion.usage?.promptTokens ?? 0) >= 85)
    }
}

@Suite(.simulator(requiringKey: "sk-test-123"))
struct OpenAICompatibleTransportAuthenticationTests {
    var simulator: Simulator { get throws { try #require(Simulator.current) } }

    @Test func bearerKeyIsAccepted() throws {
        _ = try transport(simulator, authentication: .bearer("sk-test-123")).send(
            call(model: "a-bearer"), cancellation: .never, onDelta: nil)
    }

    @Test func azureAPIKeyHeaderIsAccepted() throws {
        _ = try transport(simulator, authentication: .apiKey("sk-test-123")).send(
            call(model: "a-azure"), cancellation: .never, onDelta: nil)
    }

    @Test func wrongKeyIsRejectedWithoutRetry() throws {
        let error = #expect(throws: LLMTransportError.self) {
            try transport(simulator, authentication: .bearer("wrong")).send(
                call(model: "a-wrong"), cancellation: .never, onDelta: nil)
        }
        #expect(error?.kind == .rejected(status: 401))
    }
}

/// Runs `body(i)` for i in 0..<count on `count` OS threads at once and waits for all of them
/// (blocking curl must not run on Swift's cooperative pool).
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        Thread {
            body(index)
            done.leave()
        }.start()
    }
    done.wait()
}
