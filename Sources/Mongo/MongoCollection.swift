public import BSON
internal import CMongoc

/// One collection on a lent client. Owns its `mongoc_collection_t` (destroyed in deinit); valid only
/// inside `MongoClientPool.withClient`. Filters and updates are code-built `BSONDocument`s; user data
/// enters them only as values or through `BSONEncoder`.
public final class MongoCollection {
    public struct UpdateResult: Sendable, Equatable {
        public let matched: Int
        public let modified: Int
        /// The `_id` of a document an upsert created.
        public let upsertedID: BSONValue?
    }

    private let client: MongoClient
    private let raw: OpaquePointer
    public let name: String

    init(database: MongoDatabase, name: String) {
        client = database.client
        guard let raw = mongoc_client_get_collection(database.client.checkedRaw, database.name, name) else {
            preconditionFailure("mongoc_client_get_collection returned NULL")
        }
        self.raw = raw
        self.name = name
    }

    deinit { mongoc_collection_destroy(raw) }

    private var checkedRaw: OpaquePointer {
        _ = client.checkedRaw
        return raw
    }

    public func insertOne(_ document: BSONDocument) throws {
        try document.withPointer { document in
            _ = try MongoReply.call { reply, error in
                mongoc_collection_insert_one(checkedRaw, document, nil, reply, error)
            }
        }
    }

    public func findOne(_ filter: BSONDocument, projection: BSONDocument? = nil) throws -> BSONDocument? {
        try find(filter, projection: projection, limit: 1).first
    }

    /// Documents matching `filter`, in `sort` order, after skipping `skip`, at most `limit` (0 = no limit).
    public func find(
        _ filter: BSONDocument, projection: BSONDocument? = nil, sort: BSONDocument? = nil, skip: Int = 0,
        limit: Int = 0
    ) throws -> [BSONDocument] {
        var documents: [BSONDocument] = []
        try forEach(filter, projection: projection, sort: sort, skip: skip, limit: limit) { documents.append($0) }
        return documents
    }

    /// Streams the documents `find` would return through one cursor, handing each to `body` as it arrives,
    /// so a large result is never held whole. An error `body` throws stops the cursor and is rethrown.
    public func forEach(
        _ filter: BSONDocument, projection: BSONDocument? = nil, sort: BSONDocument? = nil, skip: Int = 0,
        limit: Int = 0, _ body: (BSONDocument) throws -> Void
    ) throws {
        var options: [(String, BSONValue)] = []
        if let projection { options.append(("projection", try projection.value)) }
        if let sort { options.append(("sort", try sort.value)) }
        if skip > 0 { options.append(("skip", .int64(Int64(skip)))) }
        if limit > 0 { options.append(("limit", .int64(Int64(limit)))) }
        let opts = BSONDocument(options)
        guard
            let cursor = filter.withPointer({ filter in
                opts.withPointer { opts in mongoc_collection_find_with_opts(checkedRaw, filter, opts, nil) }
            })
        else { preconditionFailure("mongoc_collection_find_with_opts returned NULL") }
        defer { mongoc_cursor_destroy(cursor) }
        var current: OpaquePointer?
        while mongoc_cursor_next(cursor, &current) {
            // The cursor owns `current` until the next call: copy it out now.
            if let current { try body(BSONDocument(copying: current)) }
        }
        var error = bson_error_t()
        var reply: OpaquePointer?
        if mongoc_cursor_error_document(cursor, &error, &reply) {
            throw MongoError(bsonError: error, reply: reply.map { BSONDocument(copying: $0) })
        }
    }

    /// Uses the server's `countDocuments` aggregation (nx-27017 cannot match ObjectId values there).
    public func count(_ filter: BSONDocument = BSONDocument()) throws -> Int {
        var error = bson_error_t()
        let count = filter.withPointer { filter in
            mongoc_collection_count_documents(checkedRaw, filter, nil, nil, nil, &error)
        }
        guard count >= 0 else { throw MongoError(bsonError: error, reply: nil) }
        return Int(count)
    }

    @discardableResult
    public func updateOne(_ filter: BSONDocument, _ update: BSONDocument, upsert: Bool = false) throws -> UpdateResult {
        let opts: BSONDocument = ["upsert": .bool(upsert)]
        let reply = try filter.withPointer { filter in
            try update.withPointer { update in
                try opts.withPointer { opts in
                    try MongoReply.call { reply, error in
                        mongoc_collection_update_one(checkedRaw, filter, update, opts, reply, error)
                    }
                }
            }
        }
        return UpdateResult(
            matched: Int(reply["matchedCount"]?.int64Value ?? 0),
            modified: Int(reply["modifiedCount"]?.int64Value ?? 0),
            upsertedID: reply["upsertedId"])
    }

    /// Replaces the first match with `replacement` (which keeps the match's `_id` and holds no operators):
    /// the way to write dates and booleans that nx-27017 would mangle under `$set`.
    @discardableResult
    public func replaceOne(_ filter: BSONDocument, with replacement: BSONDocument) throws -> UpdateResult {
        let reply = try filter.withPointer { filter in
            try replacement.withPointer { replacement in
                try MongoReply.call { reply, error in
                    mongoc_collection_replace_one(checkedRaw, filter, replacement, nil, reply, error)
                }
            }
        }
        return UpdateResult(
            matched: Int(reply["matchedCount"]?.int64Value ?? 0),
            modified: Int(reply["modifiedCount"]?.int64Value ?? 0), upsertedID: nil)
    }

    /// Atomically updates the first match and returns it as it is after (`returnNew`) or before the
    /// update; nil when nothing matched and `upsert` is false.
    public func findOneAndUpdate(
        _ filter: BSONDocument, _ update: BSONDocument, returnNew: Bool = true, upsert: Bool = false
    ) throws -> BSONDocument? {
        guard let options = mongoc_find_and_modify_opts_new() else {
            preconditionFailure("mongoc_find_and_modify_opts_new returned NULL")
        }
        defer { mongoc_find_and_modify_opts_destroy(options) }
        var flags = MONGOC_FIND_AND_MODIFY_NONE.rawValue
        if returnNew { flags |= MONGOC_FIND_AND_MODIFY_RETURN_NEW.rawValue }
        if upsert { flags |= MONGOC_FIND_AND_MODIFY_UPSERT.rawValue }
        let reply = try filter.withPointer { filter in
            try update.withPointer { update in
                guard mongoc_find_and_modify_opts_set_update(options, update),
                    mongoc_find_and_modify_opts_set_flags(options, mongoc_find_and_modify_flags_t(rawValue: flags))
                else { throw MongoError(.invalidArgument, detail: "findAndModify options rejected") }
                return try MongoReply.call { reply, error in
                    mongoc_collection_find_and_modify_with_opts(checkedRaw, filter, options, reply, error)
                }
            }
        }
        return reply.document(forKey: "value")
    }

    /// Returns how many documents were deleted (0 or 1).
    @discardableResult
    public func deleteOne(_ filter: BSONDocument) throws -> Int {
        try delete(filter, all: false)
    }

    @discardableResult
    public func deleteMany(_ filter: BSONDocument) throws -> Int {
        try delete(filter, all: true)
    }

    private func delete(_ filter: BSONDocument, all: Bool) throws -> Int {
        let reply = try filter.withPointer { filter in
            try MongoReply.call { reply, error in
                all
                    ? mongoc_collection_delete_many(checkedRaw, filter, nil, reply, error)
                    : mongoc_collection_delete_one(checkedRaw, filter, nil, reply, error)
            }
        }
        return Int(reply["deletedCount"]?.int64Value ?? 0)
    }

    /// Creates an index unless one with the same keys exists. `keys` is ordered, e.g. `["user_id": 1, "created_at": -1]`.
    /// The default name follows the server's convention (`user_id_1_created_at_-1`).
    public func createIndex(
        _ keys: BSONDocument, unique: Bool = false, name: String? = nil, expireAfterSeconds: Int? = nil
    ) throws {
        let fields = try keys.elements
        let defaultName = fields.map {
            "\($0.key)_\($0.value.int64Value.map(String.init) ?? $0.value.stringValue ?? "")"
        }
        var index: [(String, BSONValue)] = [("key", .document(fields.map { ($0.key, $0.value) }))]
        index.append(("name", .string(name ?? defaultName.joined(separator: "_"))))
        if unique { index.append(("unique", true)) }
        if let expireAfterSeconds { index.append(("expireAfterSeconds", .int64(Int64(expireAfterSeconds)))) }
        let command = BSONDocument([("createIndexes", .string(self.name)), ("indexes", [.document(index)])])
        try command.withPointer { command in
            _ = try MongoReply.call { reply, error in
                mongoc_collection_write_command_with_opts(checkedRaw, command, nil, reply, error)
            }
        }
    }
}

@available(*, unavailable)
extension MongoCollection: Sendable {}
