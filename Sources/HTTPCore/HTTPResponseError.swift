/// An error that knows how it looks on the wire. The router renders any thrown `HTTPResponseError` as
/// `{"error":{"code","message","field"?}}` with its status and headers. `message` must be safe to show a user.
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    /// The public, stable code, e.g. `invalid_input`.
    var code: String { get }
    var message: String { get }
    /// The request field at fault, when there is one.
    var field: String? { get }
    /// Extra response headers, e.g. `Retry-After` or `Allow`.
    var headers: HTTPHeaders { get }
}

extension HTTPResponseError {
    public var field: String? { nil }
    public var headers: HTTPHeaders { [:] }

    /// The JSON error response for this error.
    public var response: HTTPResponse {
        .json(ErrorBody(code: code, message: message, field: field), status: status, headers: headers)
    }
}
