import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Logging
import Testing

@testable import CohortaFCGI

@Suite struct FocusGroupRouteTests {
    let api: RouteTestHarness

    init() throws { api = try RouteTestHarness() }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

    func persona(_ token: String, _ name: String = "Maria Lopez") -> String {
        let body = """
            {"name":"\(name)","age":41,"gender":"female","location":"Madrid","occupation":"Teacher",
             "income_band":"middle","attitude":"pragmatist"}
            """
        return api.send(.post, "/api/personas", json: body, token: token).body["id"] as? String ?? ""
    }

    func panel(_ token: String, _ count: Int = 3) -> [String] { (0..<count).map { persona(token, "Person \($0)") } }

    func createBody(_ participants: [String], extra: String = "") -> String {
        let ids = participants.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"name":"Meal kits","objective":"Learn what makes parents try","participant_ids":[\#(ids)]\#(extra)}"#
    }

    func create(_ token: String, _ participants: [String], extra: String = "") -> (status: Int, body: [String: Any]) {
        api.send(.post, "/api/focus-groups", json: createBody(participants, extra: extra), token: token)
    }

    @Test func createReturnsTheWholeGroupWithParticipantsAndDefaults() throws {
        let token = api.signUp("ada@example.com")
        let ids = panel(token)
        let created = create(
            token, ids, extra: #","stimuli":[{"kind":"concept","title":"Concept A","text":"A weekly box"}]"#)
        #expect(created.status == 201)
        let group = created.body
        #expect(group["name"] as? String == "Meal kits")
        #expect(group["audience"] as? String == "")
        #expect(group["language"] as? String == "en")
        #expect(group["participant_ids"] as? [String] == ids)
        let participants = try #require(group["participants"] as? [[String: Any]])
        #expect(participants.map { $0["id"] as? String } == ids)
        #expect(participants.first?["name"] as? String == "Person 0")
        #expect((participants.first?["avatar"] as? [String: Any])?["initials"] as? String == "P")
        let settings = try #require(group["settings"] as? [String: Any])
        #expect(settings["turn_taking"] as? String == "moderator_directed")
        #expect(settings["max_turns"] as? Int == 60)
        #expect(settings["usd_cap"] as? String == "2.000000")
        #expect(settings["moderator_tier"] as? String == "main" && settings["persona_tier"] as? String == "main")
        #expect(group["guide"] is NSNull)
        let stimulus = try #require((group["stimuli"] as? [[String: Any]])?.first)
        #expect(stimulus["kind"] as? String == "concept" && stimulus["text"] as? String == "A weekly box")
        #expect((stimulus["id"] as? String)?.hasPrefix("st_") == true)
        #expect(group["created_at"] is String && group["updated_at"] is String)
        let read = api.send(.get, "/api/focus-groups/\(group["id"] as? String ?? "")", token: token)
        #expect(read.status == 200 && read.body["name"] as? String == "Meal kits")
    }

    @Test func validationErrorsNameTheFieldAndStoreNothing() {
        let token = api.signUp("ada@example.com")
        let ids = panel(token, 13)
        let eve = api.signUp("eve@example.com")
        let theirs = persona(eve)
        let cases: [(String, String)] = [
            (createBody(Array(ids.prefix(2))), "participant_ids"),
            (createBody(ids), "participant_ids"),
            (createBody([ids[0], ids[1], theirs]), "participant_ids"),
            (createBody([ids[0], ids[1], ids[0]]), "participant_ids"),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"max_turns":5}"#), "settings.max_turns"),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"usd_cap":"0.05"}"#), "settings.usd_cap"),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"usd_cap":"2.0000001"}"#), "settings.usd_cap"),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"usd_cap":2}"#), "settings.usd_cap"),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"turn_taking":"chaos"}"#), "settings.turn_taking"),
            (
                createBody(Array(ids.prefix(3)), extra: #","settings":{"moderator_tier":"max"}"#),
                "settings.moderator_tier"
            ),
            (createBody(Array(ids.prefix(3)), extra: #","settings":{"colour":"red"}"#), "settings.colour"),
            (createBody(Array(ids.prefix(3)), extra: #","language":"en_US""#), "language"),
            (createBody(Array(ids.prefix(3)), extra: #","guide":null"#), "guide"),
            (createBody(Array(ids.prefix(3)), extra: #","owner":"x""#), "owner"),
            (createBody(Array(ids.prefix(3)), extra: #","stimuli":[{"kind":"image","title":"x"}]"#), "stimuli[0].kind"),
            (#"{"objective":"x","participant_ids":[]}"#, "name"),
        ]
        for (body, field) in cases {
            let response = api.send(.post, "/api/focus-groups", json: body, token: token)
            #expect(response.status == 400, "\(body)")
            #expect(errorCode(response.body) == "invalid_input", "\(body)")
            #expect(errorField(response.body) == field, "\(body)")
        }
        #expect(api.focusGroups.all.isEmpty)
    }

    @Test func listSearchesByNameAndPages() throws {
        let token = api.signUp("ada@example.com")
        let ids = panel(token)
        for name in ["Alpha kits", "Beta", "Gamma kits"] {
            let body = createBody(ids).replacingOccurrences(of: "Meal kits", with: name)
            #expect(api.send(.post, "/api/focus-groups", json: body, token: token).status == 201)
            api.fixture.clock.advance(by: 1)
        }
        let page = api.send(.get, "/api/focus-groups?page=1&per_page=2", token: token).body
        #expect(page["total"] as? Int == 3 && page["page"] as? Int == 1 && page["per_page"] as? Int == 2)
        let items = try #require(page["items"] as? [[String: Any]])
        #expect(items.map { $0["name"] as? String } == ["Gamma kits", "Beta"])
        #expect((items.first?["participants"] as? [Any])?.count == 3)
        let kits = api.send(.get, "/api/focus-groups?q=KITS", token: token).body
        #expect((kits["items"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Gamma kits", "Alpha kits"])
        #expect(errorField(api.send(.get, "/api/focus-groups?per_page=101", token: token).body) == "per_page")
        #expect(api.send(.get, "/api/focus-groups", token: api.signUp("eve@example.com")).body["total"] as? Int == 0)
    }

    @Test func patchChangesFieldsAndAGuideEditBumpsItsVersion() throws {
        let token = api.signUp("ada@example.com")
        let id = try #require(create(token, panel(token)).body["id"] as? String)
        let guide = """
            {"introduction":"Welcome.","closing":"Thanks.","sections":[{"title":"Warm-up","goal":"Meet",
             "minutes":5,"turn_budget":6,"questions":[{"text":"How do you cook?","probes":["Why?"]}],"poll":null}]}
            """
        let first = api.send(
            .patch, "/api/focus-groups/\(id)", json: #"{"name":"Renamed","guide":\#(guide)}"#, token: token)
        #expect(first.status == 200)
        #expect(first.body["name"] as? String == "Renamed")
        let saved = try #require(first.body["guide"] as? [String: Any])
        #expect(saved["version"] as? Int == 1)
        let section = try #require((saved["sections"] as? [[String: Any]])?.first)
        #expect(section["id"] as? String == "s1")
        #expect((section["questions"] as? [[String: Any]])?.first?["id"] as? String == "s1q1")
        let second = api.send(.patch, "/api/focus-groups/\(id)", json: #"{"guide":\#(guide)}"#, token: token)
        #expect((second.body["guide"] as? [String: Any])?["version"] as? Int == 2)

        let invalid = api.send(
            .patch, "/api/focus-groups/\(id)",
            json: #"{"name":"Again","guide":{"introduction":"x","closing":"y","sections":[]}}"#,
            token: token)
        #expect(invalid.status == 400)
        #expect(errorField(invalid.body) == "guide.sections")
        let unchanged = api.send(.get, "/api/focus-groups/\(id)", token: token).body
        #expect(unchanged["name"] as? String == "Renamed")
        #expect((unchanged["guide"] as? [String: Any])?["version"] as? Int == 2)

        let cleared = api.send(.patch, "/api/focus-groups/\(id)", json: #"{"guide":null}"#, token: token)
        #expect(cleared.body["guide"] is NSNull)
        let settings = api.send(
            .patch, "/api/focus-groups/\(id)", json: #"{"settings":{"usd_cap":"0.10","turn_taking":"round_robin"}}"#,
            token: token)
        #expect((settings.body["settings"] as? [String: Any])?["usd_cap"] as? String == "0.100000")
        #expect((settings.body["settings"] as? [String: Any])?["max_turns"] as? Int == 60)
    }

    @Test func anotherUserGetsNotFoundEverywhere() throws {
        let token = api.signUp("ada@example.com")
        let id = try #require(create(token, panel(token)).body["id"] as? String)
        let upload = api.sendBytes(
            .post, "/api/focus-groups/\(id)/stimuli/image?title=Box", body: Self.png, contentType: "image/png",
            token: token)
        let stimulus = try #require(
            (try JSONSerialization.jsonObject(with: Data(upload.body)) as? [String: Any])?["stimulus"] as? [String: Any]
        )
        let sid = try #require(stimulus["id"] as? String)
        let eve = api.signUp("eve@example.com")
        #expect(api.send(.get, "/api/focus-groups/\(id)", token: eve).status == 404)
        #expect(api.send(.patch, "/api/focus-groups/\(id)", json: #"{"name":"Mine"}"#, token: eve).status == 404)
        #expect(api.send(.delete, "/api/focus-groups/\(id)", token: eve).status == 404)
        #expect(
            api.sendBytes(.get, "/api/focus-groups/\(id)/stimuli/\(sid)/image", body: [], contentType: nil, token: eve)
                .status == .notFound)
        #expect(api.send(.delete, "/api/focus-groups/\(id)/stimuli/\(sid)", token: eve).status == 404)
        let theirs = api.sendBytes(
            .post, "/api/focus-groups/\(id)/stimuli/image?title=Box", body: Self.png, contentType: "image/png",
            token: eve)
        #expect(theirs.status == .notFound)
        #expect(api.send(.get, "/api/focus-groups/ffffffffffffffffffffffff", token: token).status == 404)
        #expect(api.send(.get, "/api/focus-groups/\(id)").status == 401)
    }

    @Test func anImageUploadIsAcceptedReadBackAndDeleted() throws {
        let token = api.signUp("ada@example.com")
        let id = try #require(create(token, panel(token)).body["id"] as? String)
        let upload = api.sendBytes(
            .post, "/api/focus-groups/\(id)/stimuli/image?title=Box%20design", body: Self.png,
            contentType: "image/png; charset=binary", token: token)
        #expect(upload.status == .accepted)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(upload.body)) as? [String: Any])
        let stimulus = try #require(body["stimulus"] as? [String: Any])
        let sid = try #require(stimulus["id"] as? String)
        #expect(stimulus["kind"] as? String == "image")
        #expect(stimulus["title"] as? String == "Box design")
        #expect(stimulus["media_type"] as? String == "image/png")
        #expect(stimulus["image_url"] as? String == "/api/focus-groups/\(id)/stimuli/\(sid)/image")
        #expect(stimulus["description"] is NSNull)
        #expect(stimulus["description_status"] as? String == "pending")
        let taskID = try #require(body["task_id"] as? String)
        #expect(api.send(.get, "/api/tasks/\(taskID)", token: token).body["kind"] as? String == "image_description")

        let image = api.sendBytes(
            .get, "/api/focus-groups/\(id)/stimuli/\(sid)/image", body: [], contentType: nil, token: token)
        #expect(image.status == .ok)
        #expect(image.body == Self.png)
        #expect(image.headers["Content-Type"] == "image/png")
        #expect(image.headers["Cache-Control"] == "private, max-age=3600")
        #expect(image.headers["X-Content-Type-Options"] == "nosniff")

        #expect(api.send(.delete, "/api/focus-groups/\(id)/stimuli/\(sid)", token: token).status == 204)
        #expect(api.stimulusImages.count == 0)
        #expect(
            api.sendBytes(
                .get, "/api/focus-groups/\(id)/stimuli/\(sid)/image", body: [], contentType: nil, token: token
            )
            .status == .notFound)
        #expect(api.send(.delete, "/api/focus-groups/\(id)/stimuli/\(sid)", token: token).status == 404)
    }

    @Test func aWrongOrMismatchedImageTypeIs415AndTooBigIs413() throws {
        let token = api.signUp("ada@example.com")
        let id = try #require(create(token, panel(token)).body["id"] as? String)
        let path = "/api/focus-groups/\(id)/stimuli/image?title=Box"
        for contentType in ["image/gif", "image/jpeg", "application/octet-stream", nil] {
            let response = api.sendBytes(.post, path, body: Self.png, contentType: contentType, token: token)
            #expect(response.status == .unsupportedMediaType, "\(contentType ?? "none")")
            #expect(String(decoding: response.body, as: UTF8.self).contains("unsupported_media_type"))
        }
        let big = Self.png + [UInt8](repeating: 0, count: 5 * 1024 * 1024)
        let tooBig = api.sendBytes(.post, path, body: big, contentType: "image/png", token: token)
        #expect(tooBig.status == .payloadTooLarge)
        #expect(String(decoding: tooBig.body, as: UTF8.self).contains("payload_too_large"))
        let untitled = api.sendBytes(
            .post, "/api/focus-groups/\(id)/stimuli/image", body: Self.png, contentType: "image/png", token: token)
        #expect(untitled.status == .badRequest)
        #expect(api.stimulusImages.count == 0)
    }

    @Test func deleteRemovesTheGroupAndItsImages() throws {
        let token = api.signUp("ada@example.com")
        let id = try #require(create(token, panel(token)).body["id"] as? String)
        _ = api.sendBytes(
            .post, "/api/focus-groups/\(id)/stimuli/image?title=Box", body: Self.png, contentType: "image/png",
            token: token)
        #expect(api.stimulusImages.count == 1)
        #expect(api.send(.delete, "/api/focus-groups/\(id)", token: token).status == 204)
        #expect(api.stimulusImages.count == 0)
        #expect(api.send(.get, "/api/focus-groups/\(id)", token: token).status == 404)
    }
}
