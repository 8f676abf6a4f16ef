internal import BSON
public import Domain

/// `LiveActivityStore` over `session_live` (fields in `LiveActivityDocument`): one record per session,
/// overwritten by every publish. Thread-safe: every call borrows its own client.
///
/// Written with `updateOne({_id}, {$set: every field}, upsert)`, not a replace with upsert: nx-27017
/// inserts a new ObjectId document for a replace-upsert with a string `_id`. A change stream reports the
/// first publish of a session as an insert and each later one as an update.
public struct MongoLiveActivityStore: LiveActivityStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func publish(_ activity: LiveActivity) throws {
        let document = LiveActivityDocument(activity)
        let update = BSONDocument([("$set", try document.fields().value)])
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.sessionLive)
                    .updateOne(["_id": .string(document.id)], update, upsert: true)
            }
        }
    }
}
