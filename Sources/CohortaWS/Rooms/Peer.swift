import WebSocketServer

/// One client connection as the hub sees it: the lws `Connection` in production, a recorder in tests.
/// Service thread only.
protocol Peer: AnyObject {
    var id: ConnectionID { get }
    func send(_ text: String)
    func close(_ code: CloseCode, reason: String)
}

extension Connection: Peer {}

/// The close codes of docs/realtime.md beyond RFC 6455's.
extension CloseCode {
    /// No, late or bad `auth`; token expired or revoked.
    static let unauthenticated = CloseCode(4001)
    /// The client did not read fast enough; it may resume by seq.
    static let slowConsumer = CloseCode(4008)
    /// The user holds too many connections.
    static let tooManyConnections = CloseCode(4029)
}
