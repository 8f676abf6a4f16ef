/// The application behind the server. Every method runs on the lws service thread and must not block.
public protocol WebSocketHandler: AnyObject {
    /// Service thread, before the upgrade is answered. `.reject` sends HTTP 403.
    func handshake(_ request: HandshakeRequest) -> HandshakeDecision
    /// Service thread, once the upgrade completed.
    func connectionOpened(_ connection: Connection)
    /// Service thread, for each complete text message (UTF-8 validated by lws).
    func connection(_ connection: Connection, received text: String)
    /// Service thread, after the connection is gone; sending is no longer possible.
    func connectionClosed(_ connection: Connection)
}
