import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

/// /api/admin/pricing and /api/admin/settings in memory: the admin-only matrix, body parsing, money.
@Suite struct AdminConfigRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    private func adminToken() throws -> String {
        _ = try api.fixture.createAdmin(email: "root@example.com", password: "long enough")
        return api.signUp("root@example.com")
    }

    static let settingsBody = #"""
        {"trial_credits":10,"persona_creation_cost":3,"focus_group_run_cost":45,"monthly_quota_usd":"75.50",
         "credit_packs":[{"id":"starter","name":"Starter","price_cents":4900,"credits":50,"active":false},
                         {"id":"team","name":"Team","price_cents":99900,"credits":1500}],"cache_seconds":60}
        """#

    @Test(
        arguments: [
            (HTTPMethod.get, "/api/admin/pricing", nil), (.post, "/api/admin/pricing", #"{"model":"m"}"#),
            (.get, "/api/admin/settings", nil), (.put, "/api/admin/settings", settingsBody),
        ] as [(HTTPMethod, String, String?)])
    func onlyAdministratorsGetIn(method: HTTPMethod, path: String, json: String?) {
        #expect(api.send(method, path, json: json).status == 401)
        let user = api.signUp("ada@example.com")
        let refused = api.send(method, path, json: json ?? "{}", token: user)
        #expect(refused.status == 403 && errorCode(refused.body) == "forbidden")
    }

    @Test func aPriceAcceptsStringsOrNumbersAndIsListed() throws {
        let admin = try adminToken()
        let created = api.send(
            .post, "/api/admin/pricing",
            json: #"{"model":"gpt-4o","input_usd_per_mtok":"2.50","output_usd_per_mtok":10.125}"#, token: admin)
        #expect(created.status == 201)
        #expect(created.body["input_usd_per_mtok"] as? String == "2.500000")
        #expect(created.body["output_usd_per_mtok"] as? String == "10.125000")
        let scheduled = api.send(
            .post, "/api/admin/pricing",
            json: #"{"model":"gpt-4o","input_usd_per_mtok":2,"output_usd_per_mtok":8,"effective_from":"2099-01-01"}"#,
            token: admin)
        #expect(scheduled.status == 201 && scheduled.body["effective_from"] as? String == "2099-01-01T00:00:00Z")
        let listed = api.send(.get, "/api/admin/pricing", token: admin)
        let models = try #require(listed.body["models"] as? [[String: Any]])
        let gpt = try #require(models.first { $0["model"] as? String == "gpt-4o" })
        #expect((gpt["current"] as? [String: Any])?["id"] as? String == created.body["id"] as? String)
        #expect((gpt["scheduled"] as? [[String: Any]])?.count == 1 && (gpt["history"] as? [Any])?.isEmpty == true)
        #expect(api.fixture.audit.all.filter { $0.action == .setPrice }.count == 2)
    }

    @Test(arguments: [
        (#"{"model":"m","input_usd_per_mtok":"-1","output_usd_per_mtok":"1"}"#, "input_usd_per_mtok"),
        (#"{"model":"m","input_usd_per_mtok":"1","output_usd_per_mtok":"1e9"}"#, "output_usd_per_mtok"),
        (#"{"model":"m","input_usd_per_mtok":"1","output_usd_per_mtok":1001}"#, "output_usd_per_mtok"),
        (#"{"model":"m","input_usd_per_mtok":true,"output_usd_per_mtok":1}"#, "input_usd_per_mtok"),
        (
            #"{"model":"m","input_usd_per_mtok":1,"output_usd_per_mtok":1,"effective_from":"2001-01-01"}"#,
            "effective_from"
        ),
        (#"{"model":"m","input_usd_per_mtok":1,"output_usd_per_mtok":1,"effective_from":"soon"}"#, "effective_from"),
        (#"{"model":"m m","input_usd_per_mtok":1,"output_usd_per_mtok":1}"#, "model"),
        (#"{"model":"m","input_usd_per_mtok":1,"output_usd_per_mtok":1,"id":"x"}"#, "id"),
    ])
    func aBadPriceIsAFieldError(json: String, field: String) throws {
        let admin = try adminToken()
        let refused = api.send(.post, "/api/admin/pricing", json: json, token: admin)
        #expect(refused.status == 400 && errorField(refused.body) == field)
    }

    @Test func settingsRoundTripAndOnlyActivePacksAreSold() throws {
        let admin = try adminToken()
        let before = api.send(.get, "/api/admin/settings", token: admin)
        #expect(
            before.body["monthly_quota_usd"] as? String == "50.000000" && before.body["cache_seconds"] as? Int == 60)
        let saved = api.send(.put, "/api/admin/settings", json: Self.settingsBody, token: admin)
        #expect(saved.status == 200 && saved.body["trial_credits"] as? Int == 10)
        #expect(saved.body["monthly_quota_usd"] as? String == "75.500000")
        let packs = try #require(saved.body["credit_packs"] as? [[String: Any]])
        #expect(packs.map { $0["active"] as? Bool } == [false, true])
        #expect(api.send(.get, "/api/admin/settings", token: admin).body["trial_credits"] as? Int == 10)
        #expect(try api.settings.appSettings().packsOnSale.map(\.id) == ["team"])
        let audit = try #require(api.fixture.audit.all.last)
        #expect(audit.action == .updateSettings && audit.details["trial_credits"] == "50 → 10")
    }

    @Test(arguments: [
        (#"{"trial_credits":1.5}"#, "trial_credits"), (#"{"monthly_quota_usd":"lots"}"#, "monthly_quota_usd"),
        (#"{"monthly_quota_usd":"100000.01"}"#, "monthly_quota_usd"), (#"{"colour":"blue"}"#, "colour"),
        (#"{"credit_packs":[]}"#, "credit_packs"),
    ])
    func aBadSettingIsAFieldError(change: String, field: String) throws {
        let admin = try adminToken()
        let refused = api.send(.put, "/api/admin/settings", json: try Self.settings(changing: change), token: admin)
        #expect(refused.status == 400 && errorField(refused.body) == field)
    }

    /// `settingsBody` with the keys of the JSON object `change` replaced or added.
    static func settings(changing change: String) throws -> String {
        var body = try #require(try JSONSerialization.jsonObject(with: Data(settingsBody.utf8)) as? [String: Any])
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(change.utf8)) as? [String: Any])
        body.merge(changes) { _, new in new }
        return String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    @Test func aPackWithAnUnknownFieldIsRefused() throws {
        let admin = try adminToken()
        let body = Self.settingsBody.replacingOccurrences(of: #""credits":1500"#, with: #""credits":1500,"x":1"#)
        let refused = api.send(.put, "/api/admin/settings", json: body, token: admin)
        #expect(refused.status == 400 && errorField(refused.body)?.hasSuffix(".x") == true)
        #expect(errorField(refused.body)?.hasPrefix("credit_packs") == true)
    }
}
