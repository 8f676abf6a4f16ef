import Foundation

/// A complete response: the transport adds nothing but `Content-Length`. A large body may instead be
/// a `stream`, produced while it is sent (then `body` is empty).
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var stream: HTTPBodyStream? = nil
    /// The router's pattern that matched the request (e.g. `/api/personas/:id`), nil when none did; set by
    /// `Router.respond` for metrics labels, never sent.
    public var route: String? = nil

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A body produced chunk by chunk as it is sent (`stream.length` bytes).
    public static func streamed(_ stream: HTTPBodyStream, status: HTTPStatus = .ok, headers: HTTPHeaders = [:])
        -> HTTPResponse
    {
        var response = HTTPResponse(status: status, headers: headers)
        response.stream = stream
        return response
    }

    /// The body's length as sent: the stream's when there is one.
    public var contentLength: Int { stream?.length ?? body.count }

    /// `204 No Content`, empty body.
    public static var noContent: HTTPResponse { HTTPResponse(status: .noContent) }

    /// Encodes `value` with `JSONCoding.encoder()`. Encoding our own response types cannot fail on valid data;
    /// if it does (a non-finite Double, a throwing `encode(to:)`), the client gets the generic 500 body.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok, headers: HTTPHeaders = [:])
        -> HTTPResponse
    {
        guard let data = try? JSONCoding.encoder().encode(value) else {
            return HTTPError.internal().response
        }
        return jsonBytes(Array(data), status: status, headers: headers)
    }

    /// Already-encoded JSON bytes, sent as `application/json`.
    public static func jsonBytes(_ bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = [:])
        -> HTTPResponse
    {
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return HTTPResponse(status: status, headers: headers, body: bytes)
    }
}
