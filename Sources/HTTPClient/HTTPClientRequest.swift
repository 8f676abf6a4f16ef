/// One outgoing HTTP request. `timeout` bounds the whole exchange, streaming included.
public struct HTTPClientRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    public var method: Method
    /// An absolute `http://` or `https://` URL; any other scheme is refused.
    public var url: String
    public var headers: HTTPClientHeaders
    public var body: [UInt8]?
    public var timeout: Duration

    public init(
        method: Method = .get,
        url: String,
        headers: HTTPClientHeaders = [:],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
