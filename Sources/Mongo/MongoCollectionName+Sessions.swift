/// The focus-group sessions' collections (docs/contracts.md).
extension MongoCollectionName {
    static let sessions = "sessions"
    static let sessionMessages = "session_messages"
    static let sessionCommands = "session_commands"
}
