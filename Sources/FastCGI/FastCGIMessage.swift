public import HTTPCore

/// The pure halves of the transport: FastCGI parameters → `HTTPRequest`, `HTTPResponse` → CGI bytes.
public enum FastCGIMessage {
    /// Builds a request from CGI parameters (nginx `fastcgi_params` + `REQUEST_ID`). The path is
    /// `DOCUMENT_URI` (already decoded by nginx), else `REQUEST_URI` without its query.
    /// `HTTP_X_REQUEST_ID` becomes the header `X-Request-Id`; `CONTENT_TYPE`/`CONTENT_LENGTH` become headers.
    public static func request(parameters: [(String, String)], body: [UInt8]) -> HTTPRequest {
        var values: [String: String] = [:]
        var headers = HTTPHeaders()
        for (name, value) in parameters {
            if values[name] == nil { values[name] = value }
            if name.hasPrefix("HTTP_") {
                headers.add(name: headerName(String(name.dropFirst(5))), value: value)
            } else if name == "CONTENT_TYPE" || name == "CONTENT_LENGTH", !value.isEmpty {
                headers.add(name: headerName(name), value: value)
            }
        }
        let path =
            values["DOCUMENT_URI"].flatMap { $0.isEmpty ? nil : $0 }
            ?? values["REQUEST_URI"].map { String($0.prefix { $0 != "?" }) } ?? "/"
        return HTTPRequest(
            method: HTTPMethod(rawValue: values["REQUEST_METHOD"] ?? "GET"), path: path,
            rawQuery: values["QUERY_STRING"] ?? "", headers: headers, body: body,
            remoteAddress: values["REMOTE_ADDR"] ?? "", requestID: values["REQUEST_ID"] ?? "")
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
        let bodyless = !hasBody(response)
        var head = "Status: \(response.status.code) \(clean(response.status.reasonPhrase))\r\n"
        for (name, value) in response.headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "status" { continue }
            head += "\(clean(name)): \(clean(value))\r\n"
        }
        if !bodyless { head += "Content-Length: \(response.contentLength)\r\n" }
        head += "\r\n"
        return Array(head.utf8)
    }

    static func hasBody(_ response: HTTPResponse) -> Bool {
        response.status.code != 204 && response.status.code != 304
    }

    /// `X_REQUEST_ID` → `X-Request-Id`.
    static func headerName(_ cgiName: String) -> String {
        cgiName.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(
            separator: "-")
    }

    private static func clean(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : Character($0) })
    }
}
