import CohortaTestSupport
import Domain
import Testing

struct LLMGatewayTests {
    static let user = UserID("65f0c0ffee0000000000abcd")
    static let schema = JSONValue.object([
        ("type", .string("object")),
        ("properties", .object([("name", .object([("type", .string("string"))]))])),
        ("required", .array([.string("name")])),
        ("additionalProperties", .bool(false)),
    ])

    static func request(
        feature: LLMFeature = .personaDetail, schema: JSONValue? = schema, seed: Int? = 7
    ) -> LLMRequest {
        LLMRequest(
            feature: feature, template: "persona/detail@1",
            messages: [ChatMessage(.system, "Be a persona."), ChatMessage(.user, "<data name=\"brief\">x</data>")],
            responseSchema: schema, seed: seed,
            attribution: UsageAttribution(userID: user, objectReference: "persona:1"))
    }

    static func answer(_ text: String, prompt: Int = 100, completion: Int = 20) -> Result<
        LLMCompletion, LLMTransportError
    > {
        .success(LLMCompletion(content: text, usage: TokenUsage(promptTokens: prompt, completionTokens: completion)))
    }

    static func failure(_ kind: LLMTransportError.Kind) -> Result<LLMCompletion, LLMTransportError> {
        .failure(LLMTransportError(kind))
    }

    @Test func validAnswerIsParsedCostedAndRecorded() throws {
        let price = ModelPricing(
            model: "model-main", inputPerMillion: MicroUSD(150_000), outputPerMillion: MicroUSD(600_000))
        let fixture = GatewayFixture([Self.answer(#"{"name":"Ada"}"#, prompt: 1000, completion: 500)], prices: [price])
        let response = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(response.json == .object([("name", .string("Ada"))]))
        #expect(response.model == "model-main")
        #expect(response.usage == TokenUsage(promptTokens: 1000, completionTokens: 500))
        #expect(response.cost == MicroUSD(450))
        #expect(!response.servedFromReplay)
        let record = try #require(fixture.calls.all.first)
        #expect(record.requestHash == response.requestHash)
        #expect(record.template == "persona/detail@1")
        #expect(record.feature == .personaDetail)
        #expect(record.messages == Self.request().messages)
        #expect(record.cost == MicroUSD(450))
        #expect(record.createdAt == fixture.clock.now)
        let event = try #require(fixture.usage.all.first)
        #expect(event.userID == Self.user)
        #expect(event.objectReference == "persona:1")
        #expect(event.usage == response.usage && event.cost == MicroUSD(450) && !event.replayed)
    }

    @Test func identicalRequestIsReplayedWithZeroTokensAndAReplayedUsageRow() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name":"Ada"}"#)])
        let first = try fixture.gateway.complete(Self.request(), onDelta: nil)
        let second = try fixture.gateway.complete(
            Self.request(), onDelta: { _ in Issue.record("a replay streams nothing") })
        #expect(fixture.transport.calls.count == 1)
        #expect(second.servedFromReplay)
        #expect(second.content == first.content && second.json == first.json)
        #expect(second.usage == .zero && second.cost == .zero)
        #expect(second.requestHash == first.requestHash)
        #expect(fixture.usage.all.map(\.replayed) == [false, true])
        #expect(fixture.usage.all.last?.usage == .zero)
    }

    @Test func theHashCoversModelTemplateMessagesSchemaAndParameters() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name":"Ada"}"#), Self.answer(#"{"name":"Bo"}"#)])
        let seven = try fixture.gateway.complete(Self.request(seed: 7), onDelta: nil)
        let eight = try fixture.gateway.complete(Self.request(seed: 8), onDelta: nil)
        #expect(seven.requestHash != eight.requestHash)
        #expect(eight.json == .object([("name", .string("Bo"))]))
        for part in [#""model":"model-main""#, #""template":"persona/detail@1""#, #""seed":7"#, #""temperature":0.7"#] {
            #expect(seven.requestHash.contains(part))
        }
    }

    @Test func featureTierPicksTheModel() throws {
        let fixture = GatewayFixture([Self.answer("Fine.")])
        let response = try fixture.gateway.complete(Self.request(feature: .summary, schema: nil), onDelta: nil)
        #expect(response.model == "model-mini")
        #expect(fixture.transport.calls.first?.model == "model-mini")
        #expect(fixture.transport.calls.first?.responseSchema == nil)
    }

    @Test func schemaIsSentUnderTheTemplatesName() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name":"Ada"}"#)])
        _ = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(fixture.transport.calls.first?.schemaName == "persona_detail")
        #expect(fixture.transport.calls.first?.responseSchema == Self.schema)
    }

    @Test func malformedJSONGetsARepairTurnQuotingTheReason() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name": "#), Self.answer(#"{"name":"Ada"}"#)])
        let response = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(response.json == .object([("name", .string("Ada"))]))
        #expect(response.usage == TokenUsage(promptTokens: 200, completionTokens: 40))
        let repair = try #require(fixture.transport.calls.last).messages
        #expect(repair.count == 4)
        #expect(repair[2] == ChatMessage(.assistant, #"{"name": "#))
        #expect(repair[3].role == .user)
        #expect(repair[3].content.contains("not valid JSON"))
        #expect(fixture.calls.all.first?.messages == Self.request().messages)
    }

    @Test func schemaViolationsAreRepairedWithTheirPaths() throws {
        let fixture = GatewayFixture([Self.answer(#"{"nom":"Ada"}"#), Self.answer(#"{"name":"Ada"}"#)])
        _ = try fixture.gateway.complete(Self.request(), onDelta: nil)
        let repair = try #require(fixture.transport.calls.last?.messages.last)
        #expect(repair.content.contains("/name"))
        #expect(repair.content.contains("/nom"))
    }

    @Test func codeFencedJSONIsAccepted() throws {
        let fixture = GatewayFixture([Self.answer("```json\n{\"name\":\"Ada\"}\n```")])
        let response = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(response.json == .object([("name", .string("Ada"))]))
    }

    @Test func answerStillInvalidAfterTwoRepairsFailsAndBillsTheSpentTokens() throws {
        let fixture = GatewayFixture([Self.answer("no"), Self.answer("still no"), Self.answer("[]")])
        #expect(throws: DomainError.self) { try fixture.gateway.complete(Self.request(), onDelta: nil) }
        #expect(fixture.transport.calls.count == 3)
        #expect(fixture.calls.all.isEmpty)
        #expect(fixture.usage.all.count == 1)
        #expect(fixture.usage.all.first?.usage == TokenUsage(promptTokens: 300, completionTokens: 60))
        #expect(fixture.usage.all.first?.replayed == false)
    }

    @Test func rateLimitWaitsForRetryAfterThenSucceeds() throws {
        let fixture = GatewayFixture([
            Self.failure(.rateLimited(retryAfter: .seconds(3))), Self.answer(#"{"name":"Ada"}"#),
        ])
        _ = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(fixture.sleeper.all == [.seconds(3)])
        #expect(fixture.transport.calls.count == 2)
    }

    @Test func serverErrorsBackOffExponentiallyAndGiveUpAfterFourAttempts() throws {
        let fixture = GatewayFixture(Array(repeating: Self.failure(.server(status: 500)), count: 5))
        let error = #expect(throws: DomainError.self) { try fixture.gateway.complete(Self.request(), onDelta: nil) }
        #expect(error?.code == .unavailable)
        #expect(fixture.transport.calls.count == 4)
        #expect(fixture.sleeper.all == [.milliseconds(250), .milliseconds(500), .seconds(1)])
        #expect(fixture.usage.all.isEmpty)
    }

    @Test func timeoutsAndNetworkErrorsAreRetried() throws {
        let fixture = GatewayFixture([Self.failure(.timeout), Self.failure(.network), Self.answer(#"{"name":"A"}"#)])
        _ = try fixture.gateway.complete(Self.request(), onDelta: nil)
        #expect(fixture.transport.calls.count == 3)
    }

    @Test func cancelledStreamStopsTheCallWithoutRetrying() throws {
        let fixture = GatewayFixture([Self.failure(.cancelled), Self.answer(#"{"name":"A"}"#)])
        let transport = fixture.transport
        let error = #expect(throws: TaskFailure.self) {
            try fixture.gateway.complete(
                Self.request(), cancellation: CancellationCheck { !transport.calls.isEmpty }, onDelta: nil)
        }
        #expect(error == .cancelled)
        #expect(fixture.transport.calls.count == 1)
        #expect(fixture.sleeper.all.isEmpty)
        #expect(fixture.calls.all.isEmpty)
    }

    @Test func cancelDuringBackOffStopsBeforeTheNextAttempt() throws {
        let fixture = GatewayFixture([
            Self.failure(.rateLimited(retryAfter: .seconds(30))), Self.answer(#"{"name":"A"}"#),
        ])
        let transport = fixture.transport
        let error = #expect(throws: TaskFailure.self) {
            try fixture.gateway.complete(
                Self.request(), cancellation: CancellationCheck { !transport.calls.isEmpty }, onDelta: nil)
        }
        #expect(error == .cancelled)
        #expect(fixture.transport.calls.count == 1)
        #expect(fixture.sleeper.all == [.seconds(30)])
    }

    @Test func alreadyCancelledCallSendsNothing() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name":"A"}"#)])
        #expect(throws: TaskFailure.cancelled) {
            try fixture.gateway.complete(Self.request(), cancellation: CancellationCheck { true }, onDelta: nil)
        }
        #expect(fixture.transport.calls.isEmpty)
    }

    @Test func rejectedRequestIsNotRetried() throws {
        let fixture = GatewayFixture([Self.failure(.rejected(status: 401)), Self.answer(#"{"name":"A"}"#)])
        #expect(throws: DomainError.self) { try fixture.gateway.complete(Self.request(), onDelta: nil) }
        #expect(fixture.transport.calls.count == 1)
        #expect(fixture.sleeper.all.isEmpty)
    }

    @Test func rateLimitThatOutlastsTheRetriesSaysWhenToComeBack() throws {
        let fixture = GatewayFixture(Array(repeating: Self.failure(.rateLimited(retryAfter: .seconds(2))), count: 4))
        let error = #expect(throws: DomainError.self) { try fixture.gateway.complete(Self.request(), onDelta: nil) }
        #expect(error?.retryAfterSeconds == 3)
    }

    @Test func missingProviderUsageIsEstimatedAtFourCharactersPerToken() throws {
        let fixture = GatewayFixture([.success(LLMCompletion(content: "12345678", usage: nil))])
        let response = try fixture.gateway.complete(Self.request(schema: nil), onDelta: nil)
        #expect(response.usage.completionTokens == 2)
        #expect(response.usage.promptTokens > 0)
    }

    @Test func emptyAnswerWithoutSchemaIsRepaired() throws {
        let fixture = GatewayFixture([Self.answer("  "), Self.answer("Hello.")])
        let response = try fixture.gateway.complete(Self.request(schema: nil), onDelta: nil)
        #expect(response.content == "Hello.")
        #expect(response.json == nil)
    }

    @Test func deltasAreForwarded() throws {
        let fixture = GatewayFixture([Self.answer("Hello.")])
        let received = DeltaLog()
        _ = try fixture.gateway.complete(Self.request(schema: nil), onDelta: { received.append($0) })
        #expect(received.text == "Hello.")
    }

    @Test func unpricedModelCostsNothing() throws {
        let fixture = GatewayFixture([Self.answer(#"{"name":"Ada"}"#)])
        #expect(try fixture.gateway.complete(Self.request(), onDelta: nil).cost == .zero)
    }

    @Test func pricingRoundsUpToAWholeMicroDollar() {
        let price = ModelPricing(model: "m", inputPerMillion: MicroUSD(1_000), outputPerMillion: MicroUSD(3_000))
        #expect(price.cost(of: TokenUsage(promptTokens: 1, completionTokens: 0)) == MicroUSD(1))
        #expect(price.cost(of: TokenUsage(promptTokens: 1000, completionTokens: 1000)) == MicroUSD(4))
        #expect(price.cost(of: .zero) == .zero)
    }
}
