internal import BSON
public import Domain
public import Foundation

/// `QuotaStore` over `quotas {_id: user id, monthly_usd_limit_micro, updated_at}` (the overrides; no
/// document means the default) and the usage recorder's `usage_months` counters. Thread-safe: every call
/// borrows its own client.
public struct MongoQuotaStore: QuotaStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func limitOverride(of user: UserID) throws -> MicroUSD? {
        guard let id = user.objectID else { return nil }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let stored = try client.database(database).collection(MongoCollectionName.quotas)
                    .findOne(["_id": .objectID(id)])
                return stored?["monthly_usd_limit_micro"]?.int64Value.map(MicroUSD.init)
            }
        }
    }

    /// Replaces the whole document (nx-27017 would store a date given to `$set` as a string), inserting it
    /// when there is none; nil deletes it.
    public func setLimitOverride(_ limit: MicroUSD?, of user: UserID, at date: Date) throws {
        guard let id = user.objectID else {
            throw DomainError(.notFound, "No such user.", detail: "quota override for a malformed user id")
        }
        let filter: BSONDocument = ["_id": .objectID(id)]
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let quotas = client.database(database).collection(MongoCollectionName.quotas)
                guard let limit else {
                    try quotas.deleteOne(filter)
                    return
                }
                let document: BSONDocument = [
                    "_id": .objectID(id), "monthly_usd_limit_micro": .int64(limit.value),
                    "updated_at": .date(date.millisecondPrecision),
                ]
                guard try quotas.replaceOne(filter, with: document).matched == 0 else { return }
                do {
                    try quotas.insertOne(document)
                } catch let error as MongoError where error.code == .duplicateKey {
                    try quotas.replaceOne(filter, with: document)
                }
            }
        }
    }

    public func spent(by user: UserID, in month: QuotaMonth) throws -> MicroUSD {
        guard let id = user.objectID else { return .zero }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try UsageMonthCounter.spent(
                    by: id, in: month, from: client.database(database).collection(MongoCollectionName.usageMonths))
            }
        }
    }
}
