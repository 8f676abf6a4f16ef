internal import BSON
public import Domain
public import Foundation

/// `LoginAttemptStore` over `login_attempts`: one document per key and window, `_id` = "<key>|<window ms>",
/// counted with an atomic upsert `$inc`; a TTL index on `expires_at` removes old windows.
/// Thread-safe: every call borrows its own client.
public struct MongoLoginAttemptStore: LoginAttemptStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func failures(for key: String, windowStart: Date) throws -> Int {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let attempts = client.database(database).collection(MongoCollectionName.loginAttempts)
                let found = try attempts.findOne(["_id": .string(Self.id(key, windowStart))])
                return Int(found?["count"]?.int64Value ?? 0)
            }
        }
    }

    public func recordFailure(for key: String, windowStart: Date, expiresAt: Date) throws -> Int {
        let filter: BSONDocument = ["_id": .string(Self.id(key, windowStart))]
        let update: BSONDocument = [
            "$inc": ["count": 1],
            // $set, not $setOnInsert (nx-27017 ignores it): the values are the same for every failure in a window.
            "$set": ["key": .string(key), "window_start": .date(windowStart), "expires_at": .date(expiresAt)],
        ]
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let attempts = client.database(database).collection(MongoCollectionName.loginAttempts)
                let updated: BSONDocument?
                do {
                    updated = try attempts.findOneAndUpdate(filter, update, upsert: true)
                } catch let error as MongoError where error.code == .duplicateKey {
                    // Two first failures raced to insert the window: the loser increments the winner's document.
                    updated = try attempts.findOneAndUpdate(filter, update, upsert: true)
                }
                return Int(updated?["count"]?.int64Value ?? 1)
            }
        }
    }

    public func clear(_ key: String) throws {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.loginAttempts)
                    .deleteMany(["key": .string(key)])
            }
        }
    }

    private static func id(_ key: String, _ windowStart: Date) -> String {
        "\(key)|\(Int64((windowStart.timeIntervalSince1970 * 1000).rounded()))"
    }
}
