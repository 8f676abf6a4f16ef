import Foundation
import HTTPCore
import Testing

struct ValueTests {
    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "a", "X-A": "1"]
        headers.add(name: "x-a", value: "2")
        #expect(headers["CONTENT-TYPE"] == "a")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.replaceOrAdd(name: "X-A", value: "3")
        #expect(headers.map(\.name) == ["Content-Type", "X-A"])
        #expect(headers["x-a"] == "3")
        headers.remove(name: "content-type")
        #expect(headers.count == 1)
    }

    @Test func queryIsSplitAndPercentDecoded() {
        let request = HTTPRequest(method: .get, path: "/", rawQuery: "page=2&q=%C3%A4+x&page=9&flag&bad=%zz&=v")
        #expect(request.query == ["page": "2", "q": "ä x", "flag": "", "bad": "%zz"])
    }

    @Test func jsonResponseIsSortedWithPlainSlashesAndISODates() throws {
        struct Body: Encodable {
            let url = "/api/x"
            let at = Date(timeIntervalSince1970: 1_795_550_400)
            let a = 1
        }
        let response = HTTPResponse.json(Body(), status: .created)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "application/json")
        let text = try #require(String(bytes: response.body, encoding: .utf8))
        #expect(text == #"{"a":1,"at":"2026-11-24T20:00:00Z","url":"/api/x"}"#)
    }

    @Test func errorBodyIncludesFieldOnlyWhenPresent() throws {
        let withField = HTTPError.invalidInput(field: "email", "email is required").response
        let text = try #require(String(bytes: withField.body, encoding: .utf8))
        #expect(text == #"{"error":{"code":"invalid_input","field":"email","message":"email is required"}}"#)
        #expect(withField.status.code == 400)
    }

    @Test func httpErrorCodesMapToTheirStatuses() {
        #expect(HTTPError.payloadTooLarge(limit: 5).status.code == 413)
        #expect(HTTPError.unsupportedMediaType().status.code == 415)
        #expect(HTTPError.internal().status.code == 500)
        #expect(HTTPError.internal().message.contains("went wrong"))
    }
}
