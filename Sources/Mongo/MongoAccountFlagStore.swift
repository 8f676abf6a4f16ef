internal import BSON
public import Domain
public import Foundation

/// `AccountFlagStore` over `account_flags {_id: user id (hex), disputed, dispute_ids [...], updated_at}`,
/// kept apart from `users` so `UserDocument`'s stored shape does not change. Upserted atomically.
public struct MongoAccountFlagStore: AccountFlagStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func flagDisputed(_ user: UserID, dispute: String, at: Date) throws {
        let filter: BSONDocument = ["_id": .string(user.rawValue)]
        let update: BSONDocument = [
            "$set": ["disputed": true, "updated_at": .date(at.millisecondPrecision)],
            "$addToSet": ["dispute_ids": .string(dispute)],
        ]
        try withFlags { flags in
            do {
                try flags.updateOne(filter, update, upsert: true)
            } catch let error as MongoError where error.code == .duplicateKey {
                // Two first disputes raced to insert the document: the loser updates the winner's.
                try flags.updateOne(filter, update, upsert: true)
            }
        }
    }

    public func isDisputed(_ user: UserID) throws -> Bool {
        try withFlags { flags in
            switch try flags.findOne(["_id": .string(user.rawValue)])?["disputed"] {
            case .bool(let value): value
            case let other?: other.int64Value == 1  // nx-27017 stores a `$set` boolean as 1
            case nil: false
            }
        }
    }

    private func withFlags<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.accountFlags))
            }
        }
    }
}
