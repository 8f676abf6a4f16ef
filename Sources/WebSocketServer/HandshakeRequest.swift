/// What the handshake hook may look at, copied out of lws before the hook runs.
public struct HandshakeRequest: Sendable {
    /// The request path without the query, e.g. `/ws`.
    public let path: String
    /// URL-decoded query arguments; the first occurrence of a name wins.
    public let query: [String: String]
    /// The `Origin` header (browsers always send it), nil when absent.
    public let origin: String?
    /// The `Host` header as the client sent it (nginx forwards `$http_host`), nil when absent.
    public let host: String?

    public init(path: String, query: [String: String], origin: String? = nil, host: String? = nil) {
        self.path = path
        self.query = query
        self.origin = origin
        self.host = host
    }

    /// Parses `name=value` fragments as lws hands them over (already URL-decoded).
    public init(path: String, fragments: [String], origin: String? = nil, host: String? = nil) {
        var query: [String: String] = [:]
        for fragment in fragments {
            let pair = fragment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = pair.first, !name.isEmpty else { continue }
            let value = pair.count == 2 ? String(pair[1]) : ""
            if query[String(name)] == nil { query[String(name)] = value }
        }
        self.init(path: path, query: query, origin: origin, host: host)
    }
}

/// The handshake hook's answer. `.accept` carries the handler's per-connection session object,
/// available later as `Connection.session`.
public enum HandshakeDecision {
    case accept(session: AnyObject?)
    /// Answered with HTTP 403 before the upgrade.
    case reject
}
