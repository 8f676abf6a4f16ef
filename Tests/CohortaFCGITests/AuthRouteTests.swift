import CohortaTestSupport
import Domain
import HTTPCore
import Testing

@Suite struct AuthRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    @Test func registerSignInAndReadMe() {
        let token = api.signUp("ada@example.com")
        let me = api.send(.get, "/api/auth/me", token: token)
        #expect(me.status == 200)
        let user = me.body["user"] as? [String: Any]
        #expect(user?["email"] as? String == "ada@example.com")
        #expect(user?["credits_balance"] as? Int == 50)
        #expect(user?["password_hash"] == nil)
    }

    @Test func registeringATakenAddressLooksLikeAFreshRegistration() {
        let first = api.send(
            .post, "/api/auth/register", json: #"{"email":"ada@example.com","password":"long enough"}"#)
        let second = api.send(
            .post, "/api/auth/register", json: #"{"email":"ada@example.com","password":"other pass"}"#)
        #expect(first.status == 201)
        #expect(second.status == first.status)
        #expect(second.body["message"] as? String == first.body["message"] as? String)
    }

    @Test(arguments: [
        (#"{"email":{"$gt":""},"password":"long enough"}"#, "email"),
        (#"{"email":"ada@example.com","password":12345678}"#, "password"),
        (#"{"password":"long enough"}"#, "email"),
    ])
    func malformedFieldsAreFieldErrors(json: String, field: String) {
        let response = api.send(.post, "/api/auth/login", json: json)
        #expect(response.status == 400)
        #expect(errorField(response.body) == field)
    }

    @Test func brokenJSONIsABadRequest() {
        let response = api.send(.post, "/api/auth/register", json: "{not json")
        #expect(response.status == 400)
        #expect(errorCode(response.body) == "invalid_json")
    }

    @Test func missingOrGarbageTokensAreUnauthenticated() {
        #expect(api.send(.get, "/api/auth/me").status == 401)
        #expect(api.send(.get, "/api/auth/me", token: "garbage").status == 401)
    }

    @Test func passwordChangeRevokesTheOldTokenAndIssuesANewOne() {
        let token = api.signUp("ada@example.com")
        let change = api.send(
            .post, "/api/auth/password", json: #"{"current_password":"long enough","new_password":"longer still"}"#,
            token: token)
        #expect(change.status == 200)
        #expect(api.send(.get, "/api/auth/me", token: token).status == 401)
        #expect(api.send(.get, "/api/auth/me", token: change.body["token"] as? String).status == 200)
    }

    @Test func logoutEverywhereRevokesTheToken() {
        let token = api.signUp("ada@example.com")
        #expect(api.send(.post, "/api/auth/logout-all", token: token).status == 204)
        #expect(api.send(.get, "/api/auth/me", token: token).status == 401)
    }

    @Test func unknownRoutesAndMethodsAreJSONErrors() {
        #expect(errorCode(api.send(.get, "/api/nope").body) == "not_found")
        #expect(api.send(.delete, "/api/auth/me").status == 405)
    }
}
