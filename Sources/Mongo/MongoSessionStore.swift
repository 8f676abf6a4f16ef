internal import BSON
public import Domain

/// `SessionStore` over `sessions`, `session_messages` and `session_commands` (fields in the document
/// types). Thread-safe: every call borrows its own client.
///
/// - **Save** reads the stored session and replaces it whole with its fixed part unchanged and the new
///   mutable part, so the conversation state always travels as one sub-document and no date or boolean
///   goes through `$set` (nx-27017 would store them as a string or a 1).
/// - **Append** is idempotent per seq: a message's `_id` is its session and seq, so a second insert is a
///   duplicate key and the stored message is returned instead.
/// - References (`user_id`, `focus_group_id`, `session_id`) are matched with a one-element `$in`
///   (nx-27017, docs/design.md).
public struct MongoSessionStore: SessionStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    // MARK: - Sessions

    public func insert(_ session: FocusGroupSession) throws -> FocusGroupSession {
        let document = try SessionDocument(session, id: ObjectID())
        let stored = try document.session()  // decoded first: a session that cannot be read is never stored
        try withCollection(MongoCollectionName.sessions) { try $0.insertOne(encoding: document) }
        return stored
    }

    public func session(id: SessionID, owner: UserID) throws -> FocusGroupSession? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withCollection(MongoCollectionName.sessions) {
            try $0.findOne(filter, as: SessionDocument.self)?.session()
        }
    }

    public func session(id: SessionID) throws -> FocusGroupSession? {
        guard let objectID = id.objectID else { return nil }
        return try withCollection(MongoCollectionName.sessions) {
            try $0.findOne(["_id": .objectID(objectID)], as: SessionDocument.self)?.session()
        }
    }

    public func sessions(of focusGroup: FocusGroupID, owner: UserID) throws -> [FocusGroupSession] {
        guard let group = ObjectID(hex: focusGroup.rawValue), let owner = owner.objectID else { return [] }
        return try withCollection(MongoCollectionName.sessions) { sessions in
            try sessions.find(
                ["user_id": ["$in": [.objectID(owner)]], "focus_group_id": ["$in": [.objectID(group)]]],
                sort: ["created_at": -1, "_id": -1], as: SessionDocument.self
            ).map { try $0.session() }
        }
    }

    public func save(_ session: FocusGroupSession) throws {
        guard let filter = Self.filter(session.id, owner: session.ownerID) else { throw Self.noSuchSession }
        let mutable = SessionDocument.Mutable(session)
        try withCollection(MongoCollectionName.sessions) { sessions in
            guard var document = try sessions.findOne(filter, as: SessionDocument.self) else {
                throw Self.noSuchSession
            }
            document.mutable = mutable
            guard try sessions.replaceOne(filter, with: BSONEncoder().encode(document)).matched == 1 else {
                throw Self.noSuchSession
            }
        }
    }

    // MARK: - Messages

    public func append(_ message: SessionMessage) throws -> SessionMessage {
        guard let session = message.sessionID.objectID else { throw Self.noSuchSession }
        let document = SessionMessageDocument(message, session: session)
        let appended = try document.message()
        return try withCollection(MongoCollectionName.sessionMessages) { messages in
            do {
                try messages.insertOne(encoding: document)
                return appended
            } catch let error as MongoError where error.code == .duplicateKey {
                guard let stored = try messages.findOne(["_id": .string(document.id)], as: SessionMessageDocument.self)
                else { throw error }
                return try stored.message()
            }
        }
    }

    public func messages(of session: SessionID, afterSeq: Int, limit: Int) throws -> [SessionMessage] {
        guard let objectID = session.objectID, limit > 0 else { return [] }
        return try withCollection(MongoCollectionName.sessionMessages) { messages in
            try messages.find(
                ["session_id": ["$in": [.objectID(objectID)]], "seq": ["$gt": .int64(Int64(afterSeq))]],
                sort: ["seq": 1], limit: limit, as: SessionMessageDocument.self
            ).map { try $0.message() }
        }
    }

    public func message(of session: SessionID, seq: Int) throws -> SessionMessage? {
        guard let objectID = session.objectID else { return nil }
        let id = SessionMessageDocument.id(session: objectID, seq: seq)
        return try withCollection(MongoCollectionName.sessionMessages) {
            try $0.findOne(["_id": .string(id)], as: SessionMessageDocument.self)?.message()
        }
    }

    // MARK: - Commands

    /// Stored under the command's id when it is a storage id, else under a new one.
    @discardableResult
    public func add(_ command: SessionCommand) throws -> SessionCommand {
        guard let session = command.sessionID.objectID else { throw Self.noSuchSession }
        let document = SessionCommandDocument(command, id: ObjectID(hex: command.id) ?? ObjectID(), session: session)
        try withCollection(MongoCollectionName.sessionCommands) { try $0.insertOne(encoding: document) }
        return try document.command()
    }

    /// In the order given: by `created_at`, then `_id`.
    public func pendingCommands(of session: SessionID) throws -> [SessionCommand] {
        guard let objectID = session.objectID else { return [] }
        return try withCollection(MongoCollectionName.sessionCommands) { commands in
            try commands.find(
                ["session_id": ["$in": [.objectID(objectID)]], "done": false], sort: ["created_at": 1, "_id": 1],
                as: SessionCommandDocument.self
            ).map { try $0.command() }
        }
    }

    public func markDone(_ command: SessionCommand) throws {
        guard let id = ObjectID(hex: command.id), let session = command.sessionID.objectID else { return }
        try withCollection(MongoCollectionName.sessionCommands) { commands in
            try commands.updateOne(
                ["_id": .objectID(id), "session_id": ["$in": [.objectID(session)]]], ["$set": ["done": true]])
        }
    }

    // MARK: - Schema

    /// A focus group's sessions newest first; a session's messages by seq (unique: one message per seq
    /// even if ids were ever made another way); a session's pending commands in order. No index names
    /// `_id` next to other fields: nx-27017 then refuses every insert ("JSON path error near '_id'").
    static func ensureIndexes(in database: MongoDatabase) throws {
        try database.collection(MongoCollectionName.sessions).createIndex(
            ["user_id": 1, "focus_group_id": 1, "created_at": -1])
        try database.collection(MongoCollectionName.sessionMessages).createIndex(
            ["session_id": 1, "seq": 1], unique: true)
        try database.collection(MongoCollectionName.sessionCommands).createIndex(
            ["session_id": 1, "done": 1, "created_at": 1])
    }

    // MARK: - Plumbing

    /// One session of the owner; nil when either id cannot be one of ours.
    private static func filter(_ id: SessionID, owner: UserID) -> BSONDocument? {
        guard let id = id.objectID, let owner = owner.objectID else { return nil }
        return ["_id": .objectID(id), "user_id": ["$in": [.objectID(owner)]]]
    }

    private static let noSuchSession = DomainError(.notFound, "No such session.")

    @discardableResult
    private func withCollection<R>(_ name: String, _ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping(conflict: "This command already exists.") {
            try pool.withClient { try body($0.database(database).collection(name)) }
        }
    }
}
