import Foundation
import HTTPCore
import Testing

struct JSONBodyTests {
    struct Credentials: Decodable, Equatable {
        let email: String
        let password: String
    }

    struct Grant: Decodable {
        struct Item: Decodable { let name: String }
        let amount: Int64
        let items: [Item]
        let flags: [String]?
    }

    func request(_ body: String, contentType: String? = "application/json") -> HTTPRequest {
        var headers = HTTPHeaders()
        if let contentType { headers.add(name: "Content-Type", value: contentType) }
        return HTTPRequest(method: .post, path: "/x", headers: headers, body: Array(body.utf8))
    }

    func failure<T: Decodable>(_ type: T.Type, _ request: HTTPRequest) -> HTTPError? {
        do {
            _ = try request.decode(type)
            return nil
        } catch {
            return error as? HTTPError
        }
    }

    @Test func decodesAValidBodyWithCharsetParameter() throws {
        let decoded = try request(#"{"email":"a@b.c","password":"pw"}"#, contentType: "Application/JSON; charset=utf-8")
            .decode(Credentials.self)
        #expect(decoded == Credentials(email: "a@b.c", password: "pw"))
    }

    @Test func wrongOrMissingContentTypeIs415() {
        #expect(failure(Credentials.self, request("{}", contentType: "text/plain"))?.status == .unsupportedMediaType)
        #expect(failure(Credentials.self, request("{}", contentType: nil))?.code == "unsupported_media_type")
    }

    @Test func emptyBodyIsInvalidJSON() {
        let error = failure(Credentials.self, request("  \n"))
        #expect(error?.code == "invalid_json")
        #expect(error?.message == "Request body must be a JSON object.")
    }

    @Test func malformedBodyIsInvalidJSON() {
        let error = failure(Credentials.self, request(#"{"email": "#))
        #expect(error?.status == .badRequest)
        #expect(error?.code == "invalid_json")
    }

    @Test func nonObjectBodyIsInvalidJSON() {
        #expect(failure(Credentials.self, request("[1,2]"))?.message == "Request body must be a JSON object.")
        #expect(failure(Credentials.self, request("null"))?.code == "invalid_json")
    }

    @Test func operatorObjectInPlaceOfStringNamesTheField() {
        let error = failure(Credentials.self, request(#"{"email": {"$gt": ""}, "password": "x"}"#))
        #expect(error?.status == .badRequest)
        #expect(error?.code == "invalid_input")
        #expect(error?.field == "email")
        #expect(error?.message == "email must be a string")
    }

    @Test func missingFieldIsRequired() {
        let error = failure(Credentials.self, request(#"{"password": "x"}"#))
        #expect(error?.field == "email")
        #expect(error?.message == "email is required")
    }

    @Test func nullFieldIsRequired() {
        let error = failure(Credentials.self, request(#"{"email": "a", "password": null}"#))
        #expect(error?.field == "password")
        #expect(error?.message == "password is required")
    }

    @Test func nestedPathsAndJSONKindsAreReported() {
        let wrongItem = failure(Grant.self, request(#"{"amount": 1, "items": [{"name": "a"}, {"name": 3}]}"#))
        #expect(wrongItem?.field == "items[1].name")
        #expect(wrongItem?.message == "items[1].name must be a string")
        #expect(failure(Grant.self, request(#"{"amount": "1", "items": []}"#))?.message == "amount must be an integer")
        #expect(failure(Grant.self, request(#"{"amount": 1, "items": {}}"#))?.message == "items must be an array")
        #expect(failure(Grant.self, request(#"{"amount": 1, "items": [1]}"#))?.message == "items[0] must be an object")
    }

    @Test func messagesNeverMentionSwiftTypes() {
        let bodies = [
            #"{"amount": true, "items": []}"#, #"{"amount": 1, "items": "x"}"#,
            #"{"amount": 1, "flags": [1], "items": []}"#,
        ]
        for body in bodies {
            let message = failure(Grant.self, request(body))?.message ?? ""
            for word in ["Int64", "Array", "String", "Dictionary", "Item", "Swift"] {
                #expect(!message.contains(word), "\(message)")
            }
        }
    }
}

@Suite struct JSONIntegerTests {
    private struct Body: Decodable {
        let amount: JSONInteger
    }

    private func decode(_ json: String) throws -> Body {
        var headers: HTTPHeaders = [:]
        headers.add(name: "Content-Type", value: "application/json")
        return try HTTPRequest(method: .post, path: "/", headers: headers, body: Array(json.utf8)).decode(Body.self)
    }

    @Test func wholeNumbersDecode() throws {
        #expect(try decode(#"{"amount": -42}"#).amount == JSONInteger(-42))
    }

    @Test(arguments: [#"{"amount": 1.5}"#, #"{"amount": "10"}"#, #"{"amount": {"$inc": 1}}"#])
    func anythingElseIsAFieldError(json: String) {
        let error = #expect(throws: HTTPError.self) { try decode(json) }
        #expect(error?.field == "amount")
        #expect(error?.code == "invalid_input")
    }
}
