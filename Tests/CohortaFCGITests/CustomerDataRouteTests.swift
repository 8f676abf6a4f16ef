import CohortaTestSupport
import Domain
import Foundation
import HTTPCore
import Testing

@testable import CohortaFCGI

@Suite struct CustomerDataRouteTests {
    let harness: RouteTestHarness

    init() throws { harness = try RouteTestHarness() }

    private func upload(_ csv: String, token: String, query: String = "", type: String = "text/csv")
        -> (status: Int, body: [String: Any])
    {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        headers.add(name: "Authorization", value: "Bearer \(token)")
        let request = HTTPRequest(
            method: .post, path: "/api/customer-data", rawQuery: query, headers: headers, body: Array(csv.utf8))
        let response = harness.router.respond(to: request, context: harness.context)
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body)
    }

    @Test func anUploadIsStoredListedReadAndDeleted() throws {
        let token = harness.signUp("ada@example.com")
        let created = upload("age,city\n34,Leeds\n51,Bristol\n", token: token, query: "name=Q3%20customers")
        #expect(created.status == 201)
        #expect(created.body["name"] as? String == "Q3 customers")
        #expect(created.body["columns"] as? [String] == ["age", "city"])
        #expect(created.body["row_count"] as? Int == 2)
        let id = try #require(created.body["id"] as? String)
        let list = harness.send(.get, "/api/customer-data", token: token)
        #expect((list.body["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
        let one = harness.send(.get, "/api/customer-data/\(id)", token: token)
        #expect(one.body["rows"] as? [[String]] == [["34", "Leeds"], ["51", "Bristol"]])
        #expect(harness.send(.delete, "/api/customer-data/\(id)", token: token).status == 204)
        #expect(harness.send(.get, "/api/customer-data/\(id)", token: token).status == 404)
    }

    @Test func theDefaultNameIsCustomerData() {
        let token = harness.signUp("ada@example.com")
        #expect(upload("a\n1\n", token: token).body["name"] as? String == "Customer data")
    }

    @Test func aBadCSVIsAFieldErrorNamingTheRow() {
        let token = harness.signUp("ada@example.com")
        let bad = upload("a,b,c\n1,2,3\n4,5\n", token: token)
        #expect(bad.status == 400 && errorCode(bad.body) == "invalid_input" && errorField(bad.body) == "csv")
        #expect((bad.body["error"] as? [String: Any])?["message"] as? String == "row 2 has 2 cells, the header has 3.")
    }

    @Test func onlyTextCSVIsAccepted() {
        let token = harness.signUp("ada@example.com")
        #expect(upload("a\n1\n", token: token, type: "application/json").status == 415)
        #expect(upload("a\n1\n", token: token, type: "text/csv; charset=utf-8").status == 201)
    }

    @Test func anotherUsersDatasetIsNotFoundEverywhere() throws {
        let owner = harness.signUp("ada@example.com")
        let other = harness.signUp("bob@example.com")
        let id = try #require(upload("a\n1\n", token: owner).body["id"] as? String)
        #expect(harness.send(.get, "/api/customer-data/\(id)", token: other).status == 404)
        #expect(harness.send(.delete, "/api/customer-data/\(id)", token: other).status == 404)
        #expect((harness.send(.get, "/api/customer-data", token: other).body["items"] as? [Any])?.isEmpty == true)
        let generate = harness.send(
            .post, "/api/personas/generate",
            json: #"{"brief":"Commuters on e-bikes","count":1,"customer_data_id":"\#(id)"}"#,
            token: other)
        #expect(generate.status == 404 && errorField(generate.body) == "customer_data_id")
        #expect(harness.send(.get, "/api/customer-data/\(id)", token: owner).status == 200)
    }

    @Test func generationRecordsTheDatasetInTheTaskInput() throws {
        let token = harness.signUp("ada@example.com")
        let id = try #require(upload("a\n1\n", token: token).body["id"] as? String)
        let accepted = harness.send(
            .post, "/api/personas/generate",
            json: #"{"brief":"Commuters on e-bikes","count":1,"customer_data_id":"\#(id)"}"#,
            token: token)
        #expect(accepted.status == 202)
        let taskID = try #require(accepted.body["task_id"] as? String)
        let task = try #require(harness.tasks.task(TaskID(taskID)))
        #expect(try PanelGenerationInput(json: task.input).customerDataID == CustomerDatasetID(id))
    }

    @Test func signingInIsRequired() {
        #expect(harness.send(.get, "/api/customer-data").status == 401)
    }
}
