import HTTPCore

/// The CGI variables an `HTTPRequest` is made of, the first occurrence of each winning.
struct CGIVariables {
    static let names = [
        "REQUEST_METHOD", "DOCUMENT_URI", "REQUEST_URI", "QUERY_STRING", "REMOTE_ADDR", "REQUEST_ID",
        "CONTENT_TYPE", "CONTENT_LENGTH",
    ]
    static let nameBytes = names.map { Array($0.utf8) }

    private var method: String?
    private var documentURI: String?
    private var requestURI: String?
    private var query: String?
    private var remoteAddress: String?
    private var requestID: String?

    /// Keeps `value` if `name` is one of the request's variables not seen yet; false for any other name.
    mutating func take(_ name: String, _ value: String) -> Bool {
        switch name {
        case "REQUEST_METHOD": method = method ?? value
        case "DOCUMENT_URI": documentURI = documentURI ?? value
        case "REQUEST_URI": requestURI = requestURI ?? value
        case "QUERY_STRING": query = query ?? value
        case "REMOTE_ADDR": remoteAddress = remoteAddress ?? value
        case "REQUEST_ID": requestID = requestID ?? value
        default: return false
        }
        return true
    }

    func request(headers: HTTPHeaders, body: [UInt8]) -> HTTPRequest {
        let path =
            documentURI.flatMap { $0.isEmpty ? nil : $0 } ?? requestURI.map { String($0.prefix { $0 != "?" }) } ?? "/"
        return HTTPRequest(
            method: HTTPMethod(rawValue: method ?? "GET"), path: path, rawQuery: query ?? "", headers: headers,
            body: body, remoteAddress: remoteAddress ?? "", requestID: requestID ?? "")
    }
}
