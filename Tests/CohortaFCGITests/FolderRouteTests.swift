import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@Suite struct FolderRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    func folder(_ token: String, _ name: String, parent: String? = nil) -> String {
        let json = parent.map { "{\"name\":\"\(name)\",\"parent_id\":\"\($0)\"}" } ?? "{\"name\":\"\(name)\"}"
        return api.send(.post, "/api/folders", json: json, token: token).body["id"] as? String ?? ""
    }

    @Test func creatingAndListingShowsTheTreeWithCounts() {
        let token = api.signUp("ada@example.com")
        let created = api.send(.post, "/api/folders", json: #"{"name":"  Research "}"#, token: token)
        #expect(created.status == 201)
        #expect(Set(created.body.keys) == ["id", "name", "parent_id", "persona_count", "created_at"])
        #expect(created.body["name"] as? String == "Research")
        #expect(created.body["parent_id"] is NSNull)
        let top = created.body["id"] as? String ?? ""
        let child = folder(token, "Child", parent: top)
        let persona = api.send(
            .post, "/api/personas",
            json: PersonaRouteTests.body("folder_id", "\"\(child)\""), token: token)
        #expect(persona.body["folder_id"] as? String == child)
        let items = api.send(.get, "/api/folders", token: token).body["items"] as? [[String: Any]] ?? []
        #expect(items.map { $0["id"] as? String } == [top, child])
        #expect(items.map { $0["persona_count"] as? Int } == [0, 1])
        #expect(items.last?["parent_id"] as? String == top)
    }

    @Test func badBodiesAreFieldErrors() {
        let token = api.signUp("ada@example.com")
        for (json, field) in [
            (#"{"name":""}"#, "name"), (#"{"name":{"$gt":""}}"#, "name"), (#"{}"#, "name"),
            ("{\"name\":\"\(String(repeating: "n", count: 81))\"}", "name"),
            (#"{"name":"A","user_id":"x"}"#, "user_id"),
            (#"{"name":"A","parent_id":5}"#, "parent_id"),
        ] {
            let response = api.send(.post, "/api/folders", json: json, token: token)
            #expect(response.status == 400, "\(json)")
            #expect(errorField(response.body) == field, "\(json)")
        }
    }

    @Test func depthAndCyclesAreRefused() {
        let token = api.signUp("ada@example.com")
        var chain: [String] = []
        for level in 1...5 { chain.append(folder(token, "L\(level)", parent: chain.last)) }
        let tooDeep = api.send(
            .post, "/api/folders", json: "{\"name\":\"L6\",\"parent_id\":\"\(chain[4])\"}", token: token)
        #expect(tooDeep.status == 400)
        #expect(errorField(tooDeep.body) == "parent_id")
        let cycle = api.send(.patch, "/api/folders/\(chain[0])", json: "{\"parent_id\":\"\(chain[3])\"}", token: token)
        #expect(cycle.status == 400)
        let toTop = api.send(.patch, "/api/folders/\(chain[2])", json: #"{"parent_id":null,"name":"Up"}"#, token: token)
        #expect(toTop.status == 200)
        #expect(toTop.body["parent_id"] is NSNull)
        #expect(toTop.body["name"] as? String == "Up")
    }

    @Test func anotherUsersFolderIsNotFound() {
        let ada = api.signUp("ada@example.com")
        let bob = api.signUp("bob@example.com")
        let theirs = folder(bob, "Theirs")
        let mine = folder(ada, "Mine")
        #expect(api.send(.patch, "/api/folders/\(theirs)", json: #"{"name":"X"}"#, token: ada).status == 404)
        #expect(api.send(.delete, "/api/folders/\(theirs)", token: ada).status == 404)
        #expect(
            api.send(.patch, "/api/folders/\(mine)", json: "{\"parent_id\":\"\(theirs)\"}", token: ada).status == 404)
        #expect(
            api.send(.post, "/api/folders", json: "{\"name\":\"C\",\"parent_id\":\"\(theirs)\"}", token: ada).status
                == 404)
        let persona = api.send(
            .post, "/api/personas", json: PersonaRouteTests.body("folder_id", "\"\(theirs)\""), token: ada)
        #expect(persona.status == 404)
        #expect((api.send(.get, "/api/folders", token: ada).body["items"] as? [Any])?.count == 1)
    }

    @Test func deletingMovesPersonasAndChildrenToTheParent() {
        let token = api.signUp("ada@example.com")
        let top = folder(token, "Top")
        let middle = folder(token, "Middle", parent: top)
        let leaf = folder(token, "Leaf", parent: middle)
        let persona =
            api.send(.post, "/api/personas", json: PersonaRouteTests.body("folder_id", "\"\(middle)\""), token: token)
            .body["id"] as? String ?? ""
        #expect(api.send(.delete, "/api/folders/\(middle)", token: token).status == 204)
        #expect(api.send(.get, "/api/personas/\(persona)", token: token).body["folder_id"] as? String == top)
        let items = api.send(.get, "/api/folders", token: token).body["items"] as? [[String: Any]] ?? []
        #expect(items.first { $0["id"] as? String == leaf }?["parent_id"] as? String == top)
        #expect(api.send(.delete, "/api/folders/\(middle)", token: token).status == 404)
    }
}
