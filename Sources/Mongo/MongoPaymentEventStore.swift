internal import BSON
public import Domain
public import Foundation

/// `PaymentEventStore` over `stripe_events {_id: event id, type, received_at, processed_at}`.
/// The first arrival inserts; `processed_at` is set once processing finished. Thread-safe.
public struct MongoPaymentEventStore: PaymentEventStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func recordArrival(id: String, type: String, at: Date) throws -> PaymentEventArrival {
        try withEvents { events in
            do {
                try events.insertOne(
                    ["_id": .string(id), "type": .string(type), "received_at": .date(at.millisecondPrecision)])
                return .new
            } catch let error as MongoError where error.code == .duplicateKey {
                let seen = try events.findOne(["_id": .string(id)])
                return Self.isProcessed(seen) ? .processed : .unfinished
            }
        }
    }

    public func markProcessed(id: String, at: Date) throws {
        try withEvents { events in
            try events.updateOne(["_id": .string(id)], ["$set": ["processed_at": .date(at.millisecondPrecision)]])
        }
    }

    /// `processed_at` present and not null (nx-27017 stores a `$set` date as a string).
    private static func isProcessed(_ document: BSONDocument?) -> Bool {
        guard let value = document?["processed_at"] else { return false }
        if case .null = value { return false }
        return true
    }

    private func withEvents<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.stripeEvents))
            }
        }
    }
}
