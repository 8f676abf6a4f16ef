internal import BSON
internal import CMongoc

/// Runs one libmongoc call that fills a reply `bson_t` and an error, in heap storage (bson_t is
/// over-aligned), and returns the reply as an owned document or throws the translated error.
enum MongoReply {
    static func call(_ body: (OpaquePointer, UnsafeMutablePointer<bson_error_t>) -> Bool) throws -> BSONDocument {
        guard let storage = cmongoc_bson_storage_new() else { preconditionFailure("bson storage allocation failed") }
        defer { cmongoc_bson_storage_free(storage) }
        var error = bson_error_t()
        let succeeded = body(storage, &error)
        let reply = BSONDocument(copying: storage)
        guard succeeded else { throw MongoError(bsonError: error, reply: reply) }
        return reply
    }
}
