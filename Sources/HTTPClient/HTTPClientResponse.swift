/// A complete HTTP response. Any status is a response, not an error: callers decide what 4xx/5xx mean.
public struct HTTPClientResponse: Sendable, Equatable {
    public let status: Int
    public let headers: HTTPClientHeaders
    /// The body as received. For a successful `stream`, the events went to the callback and this is empty.
    public let body: [UInt8]

    public init(status: Int, headers: HTTPClientHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
