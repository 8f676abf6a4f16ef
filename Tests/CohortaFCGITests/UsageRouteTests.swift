import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@Suite struct UsageRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    private func userID(_ token: String) -> UserID {
        UserID((api.send(.get, "/api/auth/me", token: token).body["user"] as? [String: Any])?["id"] as? String ?? "")
    }

    @Test func reportHasExactFiguresPerDayFeatureModelAndObject() throws {
        let token = api.signUp("ada@example.com")
        let now = api.fixture.clock.now
        try api.usageEvents.record(
            UsageEvent(
                userID: userID(token), feature: .personaDetail, objectReference: nil, model: "gpt-x",
                usage: TokenUsage(promptTokens: 1200, completionTokens: 300), cost: MicroUSD(1_234_567),
                replayed: false, createdAt: now))
        let report = api.send(.get, "/api/usage/me", token: token)
        #expect(report.status == 200)
        let totals = try #require(report.body["totals"] as? [String: Any])
        #expect(totals["calls"] as? Int == 1 && totals["total_tokens"] as? Int == 1500)
        #expect(totals["cost_micro_usd"] as? Int == 1_234_567 && totals["cost_usd"] as? String == "1.234567")
        #expect(totals["period"] == nil)
        let days = try #require(report.body["by_day"] as? [[String: Any]])
        #expect(days.count == 30)
        #expect(days.last?["date"] as? String == report.body["to"] as? String)
        #expect(days.last?["calls"] as? Int == 1)
        let features = try #require(report.body["by_feature"] as? [[String: Any]])
        #expect(features.map { $0["feature"] as? String } == ["persona_detail"])
        let objects = try #require(report.body["by_object"] as? [[String: Any]])
        #expect(objects.count == 1 && objects[0].keys.contains("object") && objects[0]["object"] is NSNull)
        let credits = try #require(report.body["credits"] as? [String: Any])
        #expect(credits["balance"] as? Int == 50 && credits["added"] as? Int == 50 && credits["used"] as? Int == 0)
    }

    @Test func anotherUsersEventsAreNotCounted() throws {
        let ada = api.signUp("ada@example.com")
        let bob = api.signUp("bob@example.com")
        try api.usageEvents.record(
            UsageEvent(
                userID: userID(bob), feature: .summary, objectReference: nil, model: "m",
                usage: TokenUsage(promptTokens: 1, completionTokens: 1), cost: MicroUSD(1), replayed: false,
                createdAt: api.fixture.clock.now))
        let totals = api.send(.get, "/api/usage/me", token: ada).body["totals"] as? [String: Any]
        #expect(totals?["calls"] as? Int == 0)
    }

    @Test(arguments: [("from=2026-02-30", "from"), ("to=nope", "to"), ("from=2026-11-24&to=2026-11-01", "from")])
    func badRangeIsAFieldError(query: String, field: String) {
        let token = api.signUp("ada@example.com")
        let response = api.send(.get, "/api/usage/me?\(query)", token: token)
        #expect(response.status == 400)
        #expect((response.body["error"] as? [String: Any])?["field"] as? String == field)
    }

    @Test func signedOutIsRefused() {
        #expect(api.send(.get, "/api/usage/me").status == 401)
    }
}
