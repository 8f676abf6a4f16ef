internal import BSON
public import Domain

/// `UsageEventStore` over `usage_events`. Thread-safe: every call borrows its own client.
public struct MongoUsageEventStore: UsageEventStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func record(_ event: UsageEvent) throws {
        guard let userID = event.userID.objectID else {
            throw DomainError(.notFound, "No such user.", detail: "usage event for a malformed user id")
        }
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.usageEvents)
                    .insertOne(encoding: UsageEventDocument(event, userID: userID))
            }
        }
    }
}
