import FastCGI
import HTTPCore
import Testing

struct FastCGIMessageTests {
    let parameters: [(String, String)] = [
        ("REQUEST_METHOD", "POST"), ("DOCUMENT_URI", "/api/admin/users/42/credits"),
        ("REQUEST_URI", "/api/admin/users/42/credits?x=%C3%A4"), ("QUERY_STRING", "x=%C3%A4&y=1"),
        ("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", "2"), ("HTTP_AUTHORIZATION", "Bearer abc"),
        ("HTTP_IDEMPOTENCY_KEY", "k-1"), ("HTTP_X_REQUEST_ID", "hdr"), ("REMOTE_ADDR", "127.0.0.1"),
        ("REQUEST_ID", "f00d"), ("SCRIPT_FILENAME", "/ignored"),
    ]

    @Test func parametersBecomeARequest() {
        let request = FastCGIMessage.request(parameters: parameters, body: Array("{}".utf8))
        #expect(request.method == .post)
        #expect(request.path == "/api/admin/users/42/credits")
        #expect(request.rawQuery == "x=%C3%A4&y=1")
        #expect(request.query == ["x": "ä", "y": "1"])
        #expect(request.headers["authorization"] == "Bearer abc")
        #expect(request.headers["Idempotency-Key"] == "k-1")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["Content-Length"] == "2")
        #expect(request.headers["X-Request-Id"] == "hdr")
        #expect(!request.headers.contains("Script-Filename"))
        #expect(request.remoteAddress == "127.0.0.1")
        #expect(request.requestID == "f00d")
        #expect(request.body == Array("{}".utf8))
    }

    @Test func pathFallsBackToRequestURIWithoutQuery() {
        let request = FastCGIMessage.request(parameters: [("REQUEST_URI", "/a/b?c=d")], body: [])
        #expect(request.path == "/a/b")
        #expect(request.method == .get)
    }

    @Test func contentLengthIsParsedStrictly() {
        #expect(FastCGIMessage.contentLength(parameters: parameters) == 2)
        #expect(FastCGIMessage.contentLength(parameters: [("CONTENT_LENGTH", "")]) == nil)
        #expect(FastCGIMessage.contentLength(parameters: [("CONTENT_LENGTH", "-5")]) == nil)
        #expect(FastCGIMessage.contentLength(parameters: []) == nil)
    }

    @Test func responseIsSerialisedCGIStyle() {
        var response = HTTPResponse.jsonBytes(Array(#"{"a":1}"#.utf8), status: .created)
        response.headers.add(name: "Retry-After", value: "3")
        response.headers.add(name: "Content-Length", value: "999")
        let text = String(decoding: FastCGIMessage.serialize(response), as: UTF8.self)
        #expect(
            text
                == "Status: 201 Created\r\nContent-Type: application/json\r\nRetry-After: 3\r\nContent-Length: 7\r\n\r\n{\"a\":1}"
        )
    }

    @Test func headerValuesCannotInjectLines() {
        let response = HTTPResponse(status: .ok, headers: ["X-Evil": "a\r\nSet-Cookie: x=1"])
        let text = String(decoding: FastCGIMessage.serialize(response), as: UTF8.self)
        #expect(!text.contains("\r\nSet-Cookie"))
    }

    @Test func noContentHasNoBodyOrLength() {
        let text = String(decoding: FastCGIMessage.serialize(.noContent), as: UTF8.self)
        #expect(text == "Status: 204 No Content\r\n\r\n")
    }
}
