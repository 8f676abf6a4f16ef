/// What running sessions are doing right now (docs/realtime.md): one `session_live` record per session.
extension MongoCollectionName {
    static let sessionLive = "session_live"
}
