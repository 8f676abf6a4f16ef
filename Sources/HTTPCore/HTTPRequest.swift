/// One request as the transport hands it over. A value: safe to pass between threads.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The decoded path without the query (nginx `$document_uri`), e.g. `/api/credits`.
    public var path: String
    /// The query string exactly as received, without the `?`.
    public var rawQuery: String
    /// `rawQuery` split and percent-decoded (`+` is a space). The first occurrence of a name wins.
    public var query: [String: String]
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The client address nginx saw (`REMOTE_ADDR`); empty when unknown.
    public var remoteAddress: String
    /// nginx `$request_id`; every log line about this request carries it.
    public var requestID: String

    public init(
        method: HTTPMethod, path: String, rawQuery: String = "", headers: HTTPHeaders = [:], body: [UInt8] = [],
        remoteAddress: String = "", requestID: String = ""
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.query = QueryString.parse(rawQuery)
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }
}
