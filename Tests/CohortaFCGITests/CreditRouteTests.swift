import CohortaTestSupport
import Domain
import HTTPCore
import Testing

@Suite struct CreditRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    private func adminToken() throws -> String {
        _ = try api.fixture.createAdmin(email: "root@example.com", password: "long enough")
        return api.signUp("root@example.com")
    }

    private func userID(_ token: String) -> String {
        (api.send(.get, "/api/auth/me", token: token).body["user"] as? [String: Any])?["id"] as? String ?? ""
    }

    @Test func historyShowsTheTrialGrant() {
        let token = api.signUp("ada@example.com")
        let credits = api.send(.get, "/api/credits", token: token)
        #expect(credits.status == 200)
        #expect(credits.body["balance"] as? Int == 50)
        let items = credits.body["items"] as? [[String: Any]]
        #expect(items?.first?["kind"] as? String == "trial_grant")
    }

    @Test(arguments: ["page=0", "per_page=101", "page=abc"])
    func badPagingIsAFieldError(query: String) {
        let token = api.signUp("ada@example.com")
        #expect(api.send(.get, "/api/credits?\(query)", token: token).status == 400)
    }

    @Test func adminAdjustsWithIdempotency() throws {
        let admin = try adminToken()
        let target = userID(api.signUp("ada@example.com"))
        let path = "/api/admin/users/\(target)/credits"
        let body = #"{"amount":-20,"reason":"correction"}"#
        let first = api.send(.post, path, json: body, token: admin, headers: [("Idempotency-Key", "k-1")])
        let again = api.send(.post, path, json: body, token: admin, headers: [("Idempotency-Key", "k-1")])
        #expect(first.status == 200)
        #expect(first.body["balance"] as? Int == 30)
        #expect(again.body["replayed"] as? Bool == true)
        #expect(again.body["balance"] as? Int == 30)
    }

    @Test func overdrawingIsPaymentRequired() throws {
        let admin = try adminToken()
        let target = userID(api.signUp("ada@example.com"))
        let response = api.send(
            .post, "/api/admin/users/\(target)/credits", json: #"{"amount":-51,"reason":"too much"}"#, token: admin)
        #expect(response.status == 402)
        #expect(errorCode(response.body) == "insufficient_credits")
    }

    @Test func nonAdminsAreForbidden() {
        let token = api.signUp("ada@example.com")
        let response = api.send(
            .post, "/api/admin/users/\(userID(token))/credits", json: #"{"amount":5,"reason":"gift"}"#, token: token)
        #expect(response.status == 403)
    }

    @Test func unknownTargetIsNotFound() throws {
        let admin = try adminToken()
        let response = api.send(
            .post, "/api/admin/users/000000000000000000000000/credits", json: #"{"amount":5,"reason":"x"}"#,
            token: admin)
        #expect(response.status == 404)
    }
}
