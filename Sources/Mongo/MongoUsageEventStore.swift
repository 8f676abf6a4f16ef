internal import BSON
public import Domain
public import Foundation

/// `UsageEventStore` over `usage_events`, keeping the month's spend counter (`usage_months`, see
/// `UsageMonthCounter`) with each event. The counter is incremented first: should the insert then fail, the
/// quota counts a call that was paid for anyway, never the other way round. Thread-safe: every call borrows
/// its own client.
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
                let database = client.database(database)
                try UsageMonthCounter.add(
                    event.cost, of: userID, in: QuotaMonth(containing: event.createdAt),
                    to: database.collection(MongoCollectionName.usageMonths))
                try database.collection(MongoCollectionName.usageEvents)
                    .insertOne(encoding: UsageEventDocument(event, userID: userID))
            }
        }
    }

    public func events(of user: UserID, in interval: DateInterval) throws -> [UsageEvent] {
        guard let id = user.objectID else { return [] }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.usageEvents)
                    .find(MongoDateRange.filter(user: id, createdIn: interval), as: UsageEventDocument.self)
                    .map(\.event)
            }
        }
    }
}
