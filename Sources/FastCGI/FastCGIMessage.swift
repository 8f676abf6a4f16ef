public import HTTPCore

/// The pure halves of the transport: FastCGI parameters → `HTTPRequest`, `HTTPResponse` → CGI bytes.
public enum FastCGIMessage {
    /// Builds a request from CGI parameters (nginx `fastcgi_params` + `REQUEST_ID`). The path is
    /// `DOCUMENT_URI` (already decoded by nginx), else `REQUEST_URI` without its query.
    /// `HTTP_X_REQUEST_ID` becomes the header `X-Request-Id`; `CONTENT_TYPE`/`CONTENT_LENGTH` become headers.
    public static func request(parameters: [(String, String)], body: [UInt8]) -> HTTPRequest {
        var variables = CGIVariables()
        var headers = HTTPHeaders()
        for (name, value) in parameters {
            if name.hasPrefix("HTTP_") {
                headers.add(name: CGIHeaderName.httpName(String(name.dropFirst(5))), value: value)
            } else if !variables.take(name, value), !value.isEmpty {
                if name == "CONTENT_TYPE" {
                    headers.add(name: "Content-Type", value: value)
                } else if name == "CONTENT_LENGTH" {
                    headers.add(name: "Content-Length", value: value)
                }
            }
        }
        return variables.request(headers: headers, body: body)
    }

    /// Whether `name` (raw bytes) can matter to `request` or `contentLength`: the transport skips the other
    /// parameters (SCRIPT_NAME, SERVER_SOFTWARE …) without making strings of them.
    static func isRequestParameter(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        if name.starts(with: "HTTP_".utf8) { return true }
        return CGIVariables.nameBytes.contains { $0.count == name.count && $0.elementsEqual(name) }
    }

    /// `CONTENT_LENGTH` as a byte count: nil when absent, empty or not a non-negative integer.
    public static func contentLength(parameters: [(String, String)]) -> Int? {
        guard let raw = parameters.first(where: { $0.0 == "CONTENT_LENGTH" })?.1 else { return nil }
        return Int(raw).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// `Status: 200 OK\r\nName: value\r\n…Content-Length: n\r\n\r\nbody`. CR/LF in header values are
    /// replaced (no header injection); `Content-Length` is always computed here, never taken from the handler.
    public static func serialize(_ response: HTTPResponse) -> [UInt8] {
        head(response) + (hasBody(response) ? response.body : [])
    }

    /// The CGI head alone (status, headers, `Content-Length` of the body or stream, blank line): a
    /// streamed body follows it piece by piece.
    public static func head(_ response: HTTPResponse) -> [UInt8] {
        var head = CGIHead()
        head.append(line: "Status", "\(response.status.code) \(response.status.reasonPhrase)")
        for (name, value) in response.headers {
            if HTTPHeaders.namesMatch(name, "Content-Length") || HTTPHeaders.namesMatch(name, "Status") { continue }
            head.append(line: name, value)
        }
        if hasBody(response) { head.append(line: "Content-Length", String(response.contentLength)) }
        return head.finished()
    }

    static func hasBody(_ response: HTTPResponse) -> Bool {
        response.status.code != 204 && response.status.code != 304
    }
}
