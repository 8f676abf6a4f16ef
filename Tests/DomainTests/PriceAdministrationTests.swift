import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct PriceAdministrationTests {
    let fixture = AccountsFixture()
    let prices = InMemoryModelPrices(seeding: ModelPricing.simulatorDefaults)
    static let day: TimeInterval = 86_400

    var administration: PriceAdministration {
        PriceAdministration(prices: prices, audit: fixture.audit, clock: fixture.clock)
    }

    func admin() throws -> User {
        try fixture.accounts.setRole(.admin, of: try fixture.signedInUser("root@example.com").user.id)
    }

    static func request(
        _ model: String = "gpt-x", input: String = "3.00", output: String = "15.00", from start: Date? = nil
    ) throws -> PriceAdministration.Request {
        PriceAdministration.Request(
            model: model, inputPerMillion: try #require(MicroUSD(dollars: input)),
            outputPerMillion: try #require(MicroUSD(dollars: output)), effectiveFrom: start)
    }

    @Test func costIsPerMillionTokensRoundedUp() {
        let price = ModelPricing(
            model: "m", inputPerMillion: MicroUSD(3_000_000), outputPerMillion: MicroUSD(15_000_000))
        #expect(price.cost(of: TokenUsage(promptTokens: 1_000_000, completionTokens: 0)) == MicroUSD(3_000_000))
        #expect(price.cost(of: TokenUsage(promptTokens: 1, completionTokens: 1)) == MicroUSD(18))
        let cheap = ModelPricing(model: "m", inputPerMillion: MicroUSD(1), outputPerMillion: .zero)
        #expect(cheap.cost(of: TokenUsage(promptTokens: 1, completionTokens: 0)) == MicroUSD(1))
        #expect(cheap.cost(of: .zero) == .zero)
    }

    @Test func aNewPriceIsInForceFromNowAndAudited() throws {
        let root = try admin()
        let entry = try administration.add(by: root, try Self.request())
        #expect(entry.effectiveFrom == fixture.clock.now && entry.createdBy == root.id)
        #expect(try prices.pricing(model: "gpt-x", at: fixture.clock.now)?.inputPerMillion == MicroUSD(3_000_000))
        let audit = try #require(fixture.audit.all.last)
        #expect(audit.action == .setPrice && audit.targetUserID == nil)
        #expect(audit.details["model"] == "gpt-x" && audit.details["output_usd_per_mtok"] == "15.000000")
    }

    @Test func schedulesSplitCurrentScheduledAndHistory() throws {
        let root = try admin()
        let now = fixture.clock.now
        let old = try administration.add(by: root, try Self.request(input: "5"))
        fixture.clock.advance(by: 10)
        let current = try administration.add(by: root, try Self.request(input: "4"))
        let later = try administration.add(
            by: root, try Self.request(input: "2", from: now.addingTimeInterval(2 * Self.day)))
        let soon = try administration.add(
            by: root, try Self.request(input: "3", from: now.addingTimeInterval(Self.day)))
        let schedules = try administration.schedules(by: root)
        #expect(schedules.map(\.model) == ["cohorta-sim-main", "cohorta-sim-mini", "gpt-x"])
        let gpt = try #require(schedules.last)
        #expect(gpt.current == current && gpt.scheduled == [soon, later] && gpt.history == [old])
        #expect(schedules.first?.current?.pricing.inputPerMillion == .zero)
    }

    @Test func pricesAreNeverBackDated() throws {
        let root = try admin()
        let now = fixture.clock.now
        _ = try administration.add(by: root, try Self.request(from: now.addingTimeInterval(-59)))
        let error = #expect(throws: DomainError.self) {
            try administration.add(by: root, try Self.request(from: now.addingTimeInterval(-61)))
        }
        #expect(error?.field == "effective_from")
    }

    @Test(arguments: [
        ("", "1", "1", "model"), (String(repeating: "m", count: 101), "1", "1", "model"),
        ("gpt 4", "1", "1", "model"), ("gpt-4$", "1", "1", "model"),
        ("gpt-4", "1000.000001", "1", "input_usd_per_mtok"), ("gpt-4", "0", "2000", "output_usd_per_mtok"),
    ])
    func badRequestsNameTheirField(model: String, input: String, output: String, field: String) throws {
        let root = try admin()
        let error = #expect(throws: DomainError.self) {
            try administration.add(by: root, try Self.request(model, input: input, output: output))
        }
        #expect(error?.field == field)
        #expect(fixture.audit.all.isEmpty)
    }

    @Test func aNonAdministratorIsRefused() throws {
        let ada = try fixture.signedInUser().user
        #expect(throws: DomainError.self) { try administration.schedules(by: ada) }
        let error = #expect(throws: DomainError.self) { try administration.add(by: ada, try Self.request()) }
        #expect(error?.code == .forbidden)
    }

    @Test func usageIsPricedWithThePriceInForceAtCallTime() throws {
        let root = try admin()
        let clock = fixture.clock
        _ = try administration.add(by: root, try Self.request("model-main", input: "1", output: "2"))
        _ = try administration.add(
            by: root, try Self.request("model-main", input: "10", output: "20", from: clock.now.addingTimeInterval(60)))
        let usage = RecordingUsageEvents()
        let gateway = LLMGateway(
            transport: ScriptedTransport([
                .success(LLMCompletion(content: "a", usage: TokenUsage(promptTokens: 1000, completionTokens: 1000))),
                .success(LLMCompletion(content: "b", usage: TokenUsage(promptTokens: 1000, completionTokens: 1000))),
            ]),
            calls: InMemoryLLMCalls(), usageEvents: usage, pricing: prices, digest: TransparentDigest(),
            sleeper: RecordingSleeper(), clock: clock, models: LLMModelNames(main: "model-main", mini: "model-mini"))
        func ask(_ text: String) throws {
            _ = try gateway.complete(
                LLMRequest(
                    feature: .summary, template: "t@1", messages: [ChatMessage(.user, text)], responseSchema: nil,
                    seed: nil, attribution: UsageAttribution(userID: root.id, objectReference: nil), tier: .main),
                onDelta: nil)
        }
        try ask("before")
        clock.advance(by: 60)
        try ask("after")
        #expect(usage.all.map(\.cost) == [MicroUSD(3_000), MicroUSD(30_000)])
    }
}
