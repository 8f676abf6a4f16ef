internal import BSON
internal import Domain

/// A collection the feed follows: which operations it asks the server for, and how a matching event
/// becomes a `StoredChange` (nil: not one the feed reports). The decoders are the stores' own document
/// types, so a change decodes exactly like a read.
struct WatchedCollection: Sendable {
    let name: String
    let operationTypes: [String]
    let change: @Sendable (ChangeEvent) throws -> StoredChange?

    /// The six collections live clients care about (docs/realtime.md), each on its own thread.
    static let all: [WatchedCollection] = [
        WatchedCollection(name: MongoCollectionName.sessionMessages, operationTypes: ["insert"]) {
            .message(try decode(SessionMessageDocument.self, $0).message())
        },
        WatchedCollection(name: MongoCollectionName.sessions, operationTypes: ["insert", "update", "replace"]) {
            .session(try decode(SessionDocument.self, $0).session())
        },
        WatchedCollection(name: MongoCollectionName.sessionLive, operationTypes: ["insert", "update", "replace"]) {
            .activity(try decode(LiveActivityDocument.self, $0).activity())
        },
        WatchedCollection(name: MongoCollectionName.sessionCommands, operationTypes: ["update"]) { event in
            let command = try decode(SessionCommandDocument.self, event)
            return command.done ? .commandDone(try command.command()) : nil
        },
        WatchedCollection(name: MongoCollectionName.tasks, operationTypes: ["insert", "update", "replace"]) {
            .task(try TaskDocument.record(try $0.document()))
        },
        WatchedCollection(name: MongoCollectionName.users, operationTypes: ["update", "replace"]) {
            .user(try decode(UserDocument.self, $0).user())
        },
    ]

    init(
        name: String, operationTypes: [String], change: @escaping @Sendable (ChangeEvent) throws -> StoredChange?
    ) {
        self.name = name
        // A stream that can no longer go on reports `invalidate` last; the feed must see it.
        self.operationTypes = operationTypes + ["invalidate"]
        self.change = change
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ event: ChangeEvent) throws -> T {
        try BSONDecoder().decode(type, from: try event.document())
    }
}
