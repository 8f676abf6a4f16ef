import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

/// GET /api/admin/usage, /api/admin/usage.csv and /api/admin/analytics over in-memory ports.
@Suite struct AdminInsightsRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    static let paths = ["/api/admin/usage", "/api/admin/usage.csv", "/api/admin/analytics"]

    private func adminToken() throws -> (token: String, id: UserID) {
        let token = api.signUp("root@example.com")
        let email = try #require(EmailAddress("root@example.com"))
        let id = try #require(try api.fixture.accounts.user(email: email)).id
        _ = try api.fixture.accounts.setRole(.admin, of: id)
        return (token, id)
    }

    private func record(_ user: UserID, cost: Int64) {
        api.activity.record(
            UsageEvent(
                userID: user, feature: .moderator, objectReference: nil, model: "main-model",
                usage: TokenUsage(promptTokens: 10, completionTokens: 5), cost: MicroUSD(cost), replayed: false,
                createdAt: api.fixture.clock.now))
    }

    @Test(arguments: paths)
    func aNonAdminGets403AndAnAnonymousCaller401(_ path: String) {
        let token = api.signUp("ada@example.com")
        #expect(errorCode(api.send(.get, path, token: token).body) == "forbidden")
        #expect(api.send(.get, path).status == 401)
        #expect(api.fixture.audit.all.isEmpty)
    }

    @Test func theUsageReportListsEveryDayUserFeatureAndModel() throws {
        let (token, admin) = try adminToken()
        api.activity.register(admin, email: try #require(EmailAddress("root@example.com")))
        record(admin, cost: 1_500_000)
        let report = api.send(.get, "/api/admin/usage?from=2027-01-14&to=2027-01-15", token: token)
        #expect(report.status == 200)
        #expect(report.body["from"] as? String == "2027-01-14" && report.body["to"] as? String == "2027-01-15")
        let totals = try #require(report.body["totals"] as? [String: Any])
        #expect(Set(totals.keys) == ["calls", "prompt_tokens", "completion_tokens", "cost_usd"])
        #expect(totals["cost_usd"] as? String == "1.500000")
        let days = try #require(report.body["by_day"] as? [[String: Any]])
        #expect(days.map { $0["day"] as? String } == ["2027-01-14", "2027-01-15"])
        let users = try #require(report.body["by_user"] as? [[String: Any]])
        #expect(users.first?["user_id"] as? String == admin.rawValue)
        #expect(users.first?["email"] as? String == "root@example.com")
        #expect((report.body["by_feature"] as? [[String: Any]])?.first?["feature"] as? String == "moderator")
        #expect((report.body["by_model"] as? [[String: Any]])?.first?["model"] as? String == "main-model")
        #expect(api.fixture.audit.all.last?.action == .viewUsage)
        #expect(api.fixture.audit.all.last?.details == ["from": "2027-01-14", "to": "2027-01-15"])
    }

    @Test func aBadRangeIs400WithItsField() throws {
        let (token, _) = try adminToken()
        let reversed = api.send(.get, "/api/admin/usage?from=2027-01-15&to=2027-01-14", token: token)
        #expect(reversed.status == 400 && errorField(reversed.body) == "from")
        let long = api.send(.get, "/api/admin/usage.csv?from=2025-01-01&to=2026-01-02", token: token)
        #expect(long.status == 400 && errorField(long.body) == "to")
        let days = api.send(.get, "/api/admin/analytics?days=367", token: token)
        #expect(days.status == 400 && errorField(days.body) == "days")
    }

    @Test func theCSVIsAnAttachmentWithTheHeaderAndOneRowPerCell() throws {
        let (token, admin) = try adminToken()
        record(admin, cost: 2)
        let response = api.sendBytes(
            .get, "/api/admin/usage.csv?from=2027-01-01&to=2027-01-15", body: [], contentType: nil, token: token)
        #expect(response.status.code == 200)
        #expect(response.headers["Content-Type"] == "text/csv; charset=utf-8")
        #expect(
            response.headers["Content-Disposition"]
                == #"attachment; filename="cohorta-usage-2027-01-01-to-2027-01-15.csv""#)
        let lines = String(decoding: response.body, as: UTF8.self).split(separator: "\r\n").map(String.init)
        #expect(
            lines == [
                "day,user_id,email,feature,model,calls,prompt_tokens,completion_tokens,cost_usd",
                "2027-01-15,\(admin),,moderator,main-model,1,10,5,0.000002",
            ])
        #expect(api.fixture.audit.all.last?.action == .exportUsage)
    }

    @Test func analyticsHasEveryDayTotalsAndTopUsers() throws {
        let (token, admin) = try adminToken()
        record(admin, cost: 3_000_000)
        api.activity.record(
            .payment(
                PaymentMovement(
                    userID: admin, credits: Credits(50), packCredits: Credits(50), packCents: 1_000,
                    at: api.fixture.clock.now)))
        let analytics = api.send(.get, "/api/admin/analytics?days=7", token: token)
        #expect(analytics.status == 200)
        let days = try #require(analytics.body["days"] as? [[String: Any]])
        #expect(days.count == 7 && days.last?["day"] as? String == "2027-01-15")
        #expect(
            Set(days[0].keys) == [
                "day", "signups", "active_users", "personas", "sessions", "revenue_cents", "llm_spend_usd",
                "margin_usd",
            ])
        let totals = try #require(analytics.body["totals"] as? [String: Any])
        #expect(totals["day"] == nil && totals["revenue_cents"] as? Int == 1_000)
        #expect(totals["llm_spend_usd"] as? String == "3.000000" && totals["margin_usd"] as? String == "7.000000")
        let top = try #require(analytics.body["top_users"] as? [[String: Any]])
        #expect(top.count == 1 && top[0]["user_id"] as? String == admin.rawValue && top[0]["email"] is NSNull)
        #expect(top[0]["spend_usd"] as? String == "3.000000" && top[0]["revenue_cents"] as? Int == 1_000)
        #expect(api.fixture.audit.all.last?.action == .viewAnalytics)
    }
}
