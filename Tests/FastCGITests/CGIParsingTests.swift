import HTTPCore
import Testing

@testable import FastCGI

/// The byte-level paths of the transport give what the String-level rules gave.
struct CGIParsingTests {
    /// What nginx's fastcgi_params plus the Cohorta snippet send for an authenticated GET.
    let nginxParameters: [(String, String)] = [
        ("QUERY_STRING", "page=2"), ("REQUEST_METHOD", "GET"), ("CONTENT_TYPE", ""), ("CONTENT_LENGTH", ""),
        ("SCRIPT_NAME", "/api/personas"), ("REQUEST_URI", "/api/personas?page=2"), ("DOCUMENT_URI", "/api/personas"),
        ("DOCUMENT_ROOT", "/usr/share/nginx/html"), ("SERVER_PROTOCOL", "HTTP/1.1"), ("REQUEST_SCHEME", "http"),
        ("GATEWAY_INTERFACE", "CGI/1.1"), ("SERVER_SOFTWARE", "nginx/1.22.1"), ("REMOTE_ADDR", "127.0.0.1"),
        ("REMOTE_PORT", "51234"), ("SERVER_ADDR", "127.0.0.1"), ("SERVER_PORT", "8080"), ("SERVER_NAME", "_"),
        ("REDIRECT_STATUS", "200"), ("REQUEST_ID", "0123456789abcdef"), ("HTTP_PROXY", ""),
        ("HTTP_X_FORWARDED_FOR", ""), ("HTTP_X_REAL_IP", ""), ("HTTP_HOST", "127.0.0.1:8080"),
        ("HTTP_AUTHORIZATION", "Bearer t"), ("HTTP_ACCEPT", "*/*"),
    ]

    @Test func theParametersTheTransportSkipsChangeNothingInTheRequest() {
        let kept = nginxParameters.filter { name, _ in
            Array(name.utf8).withUnsafeBufferPointer(FastCGIMessage.isRequestParameter)
        }
        #expect(kept.map(\.0).allSatisfy { $0.hasPrefix("HTTP_") || CGIVariables.names.contains($0) })
        #expect(!kept.contains { $0.0 == "SCRIPT_NAME" || $0.0 == "SERVER_SOFTWARE" })
        let all = FastCGIMessage.request(parameters: nginxParameters, body: [])
        let filtered = FastCGIMessage.request(parameters: kept, body: [])
        #expect(filtered.method == all.method && filtered.path == all.path && filtered.rawQuery == all.rawQuery)
        #expect(filtered.query == all.query && filtered.headers == all.headers)
        #expect(filtered.remoteAddress == all.remoteAddress && filtered.requestID == all.requestID)
        #expect(
            FastCGIMessage.contentLength(parameters: kept) == FastCGIMessage.contentLength(parameters: nginxParameters))
    }

    @Test func theFirstOccurrenceOfAVariableWins() {
        let request = FastCGIMessage.request(
            parameters: [
                ("REQUEST_METHOD", "PUT"), ("REQUEST_METHOD", "GET"), ("DOCUMENT_URI", "/a"),
                ("DOCUMENT_URI", "/b"),
            ],
            body: [])
        #expect(request.method == .put && request.path == "/a")
    }

    @Test func headerNamesAreCapitalisedWordByWord() {
        #expect(CGIHeaderName.httpName("X_REQUEST_ID") == "X-Request-Id")
        #expect(CGIHeaderName.httpName("x__request_id_") == "X-Request-Id")
        #expect(CGIHeaderName.httpName("_9P_A1") == "9p-A1")
        #expect(CGIHeaderName.httpName("") == "")
        #expect(CGIHeaderName.httpName("ÉTÉ_ÇA") == "Été-Ça", "non-ASCII names keep Unicode case mapping")
    }

    @Test func theHeadDropsTheHandlersLengthAndStatusWhateverTheirCase() {
        let response = HTTPResponse(
            status: .ok, headers: ["content-LENGTH": "9", "STATUS": "500", "X-A": "1"], body: Array("ab".utf8))
        let text = String(decoding: FastCGIMessage.head(response), as: UTF8.self)
        #expect(text == "Status: 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\n")
    }

    @Test func crAndLFBecomeSpacesInNamesAndValues() {
        let response = HTTPResponse(status: .ok, headers: ["X-\nB": "a\r\nb"])
        let text = String(decoding: FastCGIMessage.head(response), as: UTF8.self)
        #expect(text == "Status: 200 OK\r\nX- B: a  b\r\nContent-Length: 0\r\n\r\n")
    }
}
