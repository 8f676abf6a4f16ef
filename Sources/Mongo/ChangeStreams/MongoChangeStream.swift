internal import BSON
internal import CMongoc

/// One open change stream on one collection. Owns its `mongoc_change_stream_t` (destroyed in deinit)
/// and is used only on the thread that holds `client` (a client lent by `MongoClientPool.withClient`).
///
/// Opened with `fullDocument: "updateLookup"`, so update events carry the document after the change.
final class MongoChangeStream {
    private let client: MongoClient
    private let raw: OpaquePointer

    /// Opens the stream (the server runs the `$changeStream` aggregation now, so every later write is
    /// seen). `resumeAfter`: the token of the last event handled; nil starts from now.
    init(
        client: MongoClient, database: String, collection: String, operationTypes: [String],
        resumeAfter token: BSONDocument?
    ) throws {
        let pipeline: BSONDocument = [
            "pipeline": [["$match": ["operationType": ["$in": .array(operationTypes.map(BSONValue.string))]]]]
        ]
        var options: [(String, BSONValue)] = [("fullDocument", "updateLookup"), ("maxAwaitTimeMS", 500)]
        if let token { options.append(("resumeAfter", try token.value)) }
        // The stream keeps copies of what it needs from the collection handle, which is freed right away.
        guard let handle = mongoc_client_get_collection(client.checkedRaw, database, collection) else {
            preconditionFailure("mongoc_client_get_collection returned NULL")
        }
        defer { mongoc_collection_destroy(handle) }
        let opened = pipeline.withPointer { pipeline in
            BSONDocument(options).withPointer { options in mongoc_collection_watch(handle, pipeline, options) }
        }
        guard let opened else { preconditionFailure("mongoc_collection_watch returned NULL") }
        self.client = client
        raw = opened
        try throwIfFailed()
    }

    deinit { mongoc_change_stream_destroy(raw) }

    /// The next event, or nil when the server has none right now (a real server waits up to
    /// `maxAwaitTimeMS` first; nx-27017 answers at once). Throws when the stream failed.
    func next() throws -> BSONDocument? {
        _ = client.checkedRaw
        var current: OpaquePointer?
        if mongoc_change_stream_next(raw, &current), let current {
            return BSONDocument(copying: current)  // the stream owns `current` until the next call
        }
        try throwIfFailed()
        return nil
    }

    /// Where the stream stands: the last event returned, or the server's position after the last batch.
    var resumeToken: BSONDocument? {
        mongoc_change_stream_get_resume_token(raw).map { BSONDocument(copying: $0) }
    }

    private func throwIfFailed() throws {
        var error = bson_error_t()
        var reply: OpaquePointer?
        if mongoc_change_stream_error_document(raw, &error, &reply) {
            throw MongoError(bsonError: error, reply: reply.map { BSONDocument(copying: $0) })
        }
    }
}

@available(*, unavailable)
extension MongoChangeStream: Sendable {}
