internal import BSON
public import Domain

/// `SessionCounter` over `sessions`: the user's session ids (`user_id` matched with `$in`, as nx-27017
/// requires for an ObjectId outside `_id`), counted here because nx's `countDocuments` cannot match
/// ObjectIds. A user has at most a few hundred sessions. Thread-safe: every call borrows its own client.
public struct MongoSessionCounter: SessionCounter {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func sessionCount(of user: UserID) throws -> Int {
        guard let owner = user.objectID else { return 0 }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.sessions)
                    .find(["user_id": ["$in": [.objectID(owner)]]], projection: ["_id": 1]).count
            }
        }
    }
}
