import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@Suite struct PersonaRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    static let valid = #"""
        {"name":"Maya Chen","age":34,"gender":"female","location":"Leeds","occupation":"Nurse",
         "income_band":"middle","attitude":"pragmatist","bio":"Works nights.","quote":"Time is money.",
         "psychographics":{"values":["thrift"],"interests":["cycling"]},"behaviours":{"media":["radio"]}}
        """#

    /// The valid body with `key` replaced by (or added as) the raw JSON `value`.
    static func body(_ key: String, _ value: String) -> String {
        let fields = [
            ("name", #""Maya Chen""#), ("age", "34"), ("gender", #""female""#), ("location", #""Leeds""#),
            ("occupation", #""Nurse""#), ("income_band", #""middle""#), ("attitude", #""pragmatist""#),
        ]
        var pairs = fields.filter { $0.0 != key }.map { "\"\($0.0)\":\($0.1)" }
        pairs.append("\"\(key)\":\(value)")
        return "{" + pairs.joined(separator: ",") + "}"
    }

    func create(_ token: String, _ json: String = valid) -> [String: Any] {
        api.send(.post, "/api/personas", json: json, token: token).body
    }

    @Test func creatingReturnsTheFullPersonaShape() {
        let token = api.signUp("ada@example.com")
        let created = api.send(.post, "/api/personas", json: Self.valid, token: token)
        #expect(created.status == 201)
        let body = created.body
        #expect(
            Set(body.keys) == [
                "id", "name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote",
                "psychographics", "behaviours", "provenance", "folder_id", "avatar", "generation", "created_at",
                "updated_at",
            ])
        #expect(body["folder_id"] is NSNull)
        #expect((body["generation"] as? [String: Any])?.isEmpty == true)
        #expect((body["provenance"] as? [String: Any])?.isEmpty == true)
        let avatar = body["avatar"] as? [String: Any]
        #expect(avatar?["initials"] as? String == "MC")
        #expect(avatar?["seed"] as? String == body["id"] as? String)
        let psycho = body["psychographics"] as? [String: Any]
        #expect(psycho?["values"] as? [String] == ["thrift"])
        #expect(psycho?["motivations"] as? [String] == [])
        let again = api.send(.get, "/api/personas/\(body["id"] as? String ?? "")", token: token)
        #expect((again.body["avatar"] as? [String: Any])?["hue"] as? Int == avatar?["hue"] as? Int)
    }

    @Test(arguments: [
        ("id", #""650000000000000000000001""#), ("user_id", #""650000000000000000000001""#),
        ("owner_id", #""x""#), ("created_at", #""2020-01-01T00:00:00Z""#), ("avatar", #"{"hue":1}"#),
        ("generation", #"{"task_id":"t"}"#), ("provenance", #"{}"#), ("credits", "5"),
    ])
    func serverOwnedFieldsAreRefusedNotIgnored(field: String, value: String) {
        let token = api.signUp("ada@example.com")
        let response = api.send(.post, "/api/personas", json: Self.body(field, value), token: token)
        #expect(response.status == 400)
        #expect(errorCode(response.body) == "invalid_input")
        #expect(errorField(response.body) == field)
    }

    @Test(arguments: [
        ("name", #"{"$gt":""}"#), ("name", "42"), ("name", #""""#),
        ("name", "\"\(String(repeating: "x", count: 81))\""),
        ("age", #""34""#), ("age", "34.5"), ("age", "17"), ("age", "101"), ("age", #"{"$gt":0}"#),
        ("gender", #""robot""#), ("gender", "null"), ("income_band", #""rich""#), ("attitude", "[]"),
        ("bio", "\"\(String(repeating: "b", count: 2001))\""), ("location", #"{"$ne":null}"#),
    ])
    func badValuesAreFieldErrors(field: String, value: String) {
        let token = api.signUp("ada@example.com")
        let response = api.send(.post, "/api/personas", json: Self.body(field, value), token: token)
        #expect(response.status == 400)
        #expect(errorCode(response.body) == "invalid_input")
        #expect(errorField(response.body) == field)
    }

    @Test func nestedListsAreTypedAndBounded() {
        let token = api.signUp("ada@example.com")
        let thirteen = "[" + Array(repeating: #""x""#, count: 13).joined(separator: ",") + "]"
        let cases: [(String, String)] = [
            (#"{"values":"thrift"}"#, "psychographics.values"),
            (#"{"values":[{"$gt":""}]}"#, "psychographics.values[0]"),
            ("{\"values\":\(thirteen)}", "psychographics.values"),
            (#"{"hobbies":[]}"#, "psychographics.hobbies"),
        ]
        for (value, field) in cases {
            let response = api.send(.post, "/api/personas", json: Self.body("psychographics", value), token: token)
            #expect(response.status == 400)
            #expect(errorField(response.body) == field)
        }
    }

    @Test func missingRequiredFieldsAreNamed() {
        let token = api.signUp("ada@example.com")
        let response = api.send(.post, "/api/personas", json: #"{"name":"Maya"}"#, token: token)
        #expect(response.status == 400)
        #expect(errorField(response.body) == "age")
        #expect(api.send(.post, "/api/personas", json: "[]", token: token).status == 400)
        #expect(api.send(.post, "/api/personas", json: "{", token: token).status == 400)
    }

    @Test func everyRouteNeedsSigningIn() {
        let routes: [(HTTPMethod, String)] = [
            (.get, "/api/personas"), (.post, "/api/personas"), (.get, "/api/personas/1"), (.patch, "/api/personas/1"),
            (.delete, "/api/personas/1"), (.post, "/api/personas/bulk-delete"), (.post, "/api/personas/move"),
            (.get, "/api/folders"), (.post, "/api/folders"), (.patch, "/api/folders/1"), (.delete, "/api/folders/1"),
        ]
        for (method, path) in routes {
            #expect(api.send(method, path, json: "{}").status == 401, "\(method) \(path)")
        }
    }

    @Test func onlyTheOwnerReachesAPersonaNotOthersNorAdmins() throws {
        let owner = api.signUp("ada@example.com")
        let other = api.signUp("bob@example.com")
        _ = try api.fixture.createAdmin(email: "root@example.com", password: "long enough")
        let admin = api.signUp("root@example.com")
        let id = create(owner)["id"] as? String ?? ""
        let path = "/api/personas/\(id)"
        for token in [other, admin] {
            #expect(api.send(.get, path, token: token).status == 404)
            #expect(api.send(.patch, path, json: #"{"name":"Mine"}"#, token: token).status == 404)
            #expect(api.send(.delete, path, token: token).status == 404)
            #expect(api.send(.get, "/api/personas", token: token).body["total"] as? Int == 0)
        }
        #expect(api.send(.get, "/api/personas/not-an-id", token: owner).status == 404)
        #expect(api.send(.get, path, token: owner).body["name"] as? String == "Maya Chen")
        #expect(api.send(.delete, path, token: owner).status == 204)
        #expect(api.send(.get, path, token: owner).status == 404)
    }

    @Test func patchChangesOnlyWhatItNamesAndRefusesTheRest() {
        let token = api.signUp("ada@example.com")
        let id = create(token)["id"] as? String ?? ""
        let path = "/api/personas/\(id)"
        let patched = api.send(.patch, path, json: #"{"age":40,"behaviours":{"shopping":["online"]}}"#, token: token)
        #expect(patched.status == 200)
        #expect(patched.body["age"] as? Int == 40)
        #expect(patched.body["name"] as? String == "Maya Chen")
        #expect((patched.body["behaviours"] as? [String: Any])?["shopping"] as? [String] == ["online"])
        for (json, field) in [
            (#"{"folder_id":null}"#, "folder_id"), (#"{"created_at":"2020-01-01T00:00:00Z"}"#, "created_at"),
            (#"{"age":12}"#, "age"), (#"{"name":null}"#, "name"), (#"{"gender":"x"}"#, "gender"),
        ] {
            let response = api.send(.patch, path, json: json, token: token)
            #expect(response.status == 400, "\(json)")
            #expect(errorField(response.body) == field, "\(json)")
        }
    }

    @Test func listingFiltersSearchesAndPagesWithTotals() {
        let token = api.signUp("ada@example.com")
        _ = api.signUp("bob@example.com")
        for index in 0..<5 {
            _ = create(
                token,
                Self.body("name", "\"Person \(index)\"").replacingOccurrences(of: "34", with: "\(20 + index * 10)"))
            api.fixture.clock.advance(by: 1)
        }
        _ = create(token, Self.body("occupation", #""Welder (A.B.)""#))
        let page = api.send(.get, "/api/personas?page=2&per_page=2", token: token)
        #expect(page.status == 200)
        #expect(page.body["total"] as? Int == 6)
        #expect(page.body["page"] as? Int == 2)
        #expect(page.body["per_page"] as? Int == 2)
        #expect((page.body["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Person 3", "Person 2"])
        let search = api.send(.get, "/api/personas?q=welder%20(a.b.)", token: token)
        #expect(search.body["total"] as? Int == 1)
        #expect(api.send(.get, "/api/personas?q=.*", token: token).body["total"] as? Int == 0)
        let ages = api.send(.get, "/api/personas?age_min=30&age_max=50&gender=female", token: token)
        #expect(ages.body["total"] as? Int == 4)  // 30, 34 (the welder), 40, 50
        #expect(api.send(.get, "/api/personas?folder_id=none", token: token).body["total"] as? Int == 6)
        for (query, field) in [
            ("gender=robot", "gender"), ("age_min=abc", "age_min"), ("age_min=10", "age_min"),
            ("age_min=60&age_max=40", "age_max"), ("per_page=101", "per_page"),
            ("q=\(String(repeating: "q", count: 101))", "q"),
        ] {
            let response = api.send(.get, "/api/personas?\(query)", token: token)
            #expect(response.status == 400, "\(query)")
            #expect(errorField(response.body) == field, "\(query)")
        }
        #expect(api.send(.get, "/api/personas?folder_id=650000000000000000000001", token: token).status == 404)
    }

    @Test func bulkDeleteCountsOnlyYourOwn() {
        let ada = api.signUp("ada@example.com")
        let bob = api.signUp("bob@example.com")
        let mine = [create(ada)["id"], create(ada)["id"]].compactMap { $0 as? String }
        let theirs = create(bob)["id"] as? String ?? ""
        let ids = (mine + [theirs, "garbage"]).map { "\"\($0)\"" }.joined(separator: ",")
        let deleted = api.send(.post, "/api/personas/bulk-delete", json: "{\"ids\":[\(ids)]}", token: ada)
        #expect(deleted.status == 200)
        #expect(deleted.body["deleted"] as? Int == 2)
        #expect(api.send(.get, "/api/personas/\(theirs)", token: bob).status == 200)
        let many = (0...100).map { "\"id\($0)\"" }.joined(separator: ",")
        for json in ["{\"ids\":[\(many)]}", #"{"ids":[]}"#, #"{"ids":"x"}"#, #"{"ids":[{"$gt":""}]}"#, #"{}"#] {
            #expect(api.send(.post, "/api/personas/bulk-delete", json: json, token: ada).status == 400, "\(json)")
        }
    }

    @Test func moveFilesPersonasOnlyInYourOwnFolders() {
        let ada = api.signUp("ada@example.com")
        let bob = api.signUp("bob@example.com")
        let persona = create(ada)["id"] as? String ?? ""
        let mine = api.send(.post, "/api/folders", json: #"{"name":"Mine"}"#, token: ada).body["id"] as? String ?? ""
        let theirs = api.send(.post, "/api/folders", json: #"{"name":"T"}"#, token: bob).body["id"] as? String ?? ""
        let stolen = api.send(
            .post, "/api/personas/move", json: "{\"ids\":[\"\(persona)\"],\"folder_id\":\"\(theirs)\"}", token: ada)
        #expect(stolen.status == 404)
        #expect(errorField(stolen.body) == "folder_id")
        #expect(
            api.send(.post, "/api/personas/move", json: "{\"ids\":[\"\(persona)\"]}", token: ada).status == 400)
        let moved = api.send(
            .post, "/api/personas/move", json: "{\"ids\":[\"\(persona)\"],\"folder_id\":\"\(mine)\"}", token: ada)
        #expect(moved.body["moved"] as? Int == 1)
        #expect(api.send(.get, "/api/personas/\(persona)", token: ada).body["folder_id"] as? String == mine)
        let byBob = api.send(
            .post, "/api/personas/move", json: "{\"ids\":[\"\(persona)\"],\"folder_id\":null}", token: bob)
        #expect(byBob.body["moved"] as? Int == 0)
        let inFolder = api.send(.get, "/api/personas?folder_id=\(mine)", token: ada)
        #expect(inFolder.body["total"] as? Int == 1)
        let unfiled = api.send(
            .post, "/api/personas/move", json: "{\"ids\":[\"\(persona)\"],\"folder_id\":null}", token: ada)
        #expect(unfiled.body["moved"] as? Int == 1)
        #expect(api.send(.get, "/api/personas/\(persona)", token: ada).body["folder_id"] is NSNull)
    }
}
