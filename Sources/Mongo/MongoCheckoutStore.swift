internal import BSON
public import Domain
public import Foundation

/// `CheckoutStore` over `checkout_sessions`. Every status write is a conditional update on the one
/// document (atomic per document), so concurrent and out-of-order events cannot move a session back.
/// Thread-safe: every call borrows its own client.
public struct MongoCheckoutStore: CheckoutStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func insertIfAbsent(_ record: CheckoutRecord) throws -> CheckoutRecord {
        guard let user = record.userID.objectID else { throw DomainError(.notFound, "No such user.") }
        return try withSessions { sessions in
            do {
                try sessions.insertOne(encoding: CheckoutSessionDocument(record, user: user))
                return record
            } catch let error as MongoError where error.code == .duplicateKey {
                guard let stored = try Self.find(["_id": .string(record.id.rawValue)], in: sessions) else {
                    throw error
                }
                return stored
            }
        }
    }

    public func checkout(id: CheckoutSessionID) throws -> CheckoutRecord? {
        try withSessions { try Self.find(["_id": .string(id.rawValue)], in: $0) }
    }

    public func checkout(paymentIntent: PaymentReference) throws -> CheckoutRecord? {
        try withSessions { try Self.find(["payment_intent": .string(paymentIntent.rawValue)], in: $0) }
    }

    public func transition(
        _ id: CheckoutSessionID, to status: CheckoutStatus, from: Set<CheckoutStatus>, paymentIntent: PaymentReference?,
        at: Date
    ) throws -> Bool {
        try withSessions { sessions in
            if let paymentIntent {
                try sessions.updateOne(
                    ["_id": .string(id.rawValue)], ["$set": ["payment_intent": .string(paymentIntent.rawValue)]])
            }
            // A granted session is always `paid`, and `from` never holds `paid`: the status guard alone keeps
            // a grant from being undone (no filter on the boolean, which nx-27017 stores as 1).
            let filter: BSONDocument = [
                "_id": .string(id.rawValue),
                "status": ["$in": .array(from.sorted { $0.rawValue < $1.rawValue }.map { .string($0.rawValue) })],
            ]
            let update: BSONDocument = ["$set": ["status": .string(status.rawValue), "updated_at": .date(at)]]
            return try sessions.updateOne(filter, update).matched == 1
        }
    }

    public func markGranted(_ id: CheckoutSessionID, paymentIntent: PaymentReference?, at: Date) throws {
        var fields: [(String, BSONValue)] = [
            ("status", .string(CheckoutStatus.paid.rawValue)), ("granted", .bool(true)), ("updated_at", .date(at)),
        ]
        if let paymentIntent { fields.append(("payment_intent", .string(paymentIntent.rawValue))) }
        try withSessions { sessions in
            try sessions.updateOne(["_id": .string(id.rawValue)], ["$set": .document(fields)])
        }
    }

    static func ensureIndexes(in database: MongoDatabase) throws {
        let sessions = database.collection(MongoCollectionName.checkoutSessions)
        try sessions.createIndex(["payment_intent": 1])
        try sessions.createIndex(["user_id": 1, "created_at": -1])
        try database.collection(MongoCollectionName.stripeEvents).createIndex(["received_at": -1])
    }

    private static func find(_ filter: BSONDocument, in sessions: MongoCollection) throws -> CheckoutRecord? {
        try sessions.findOne(filter, as: CheckoutSessionDocument.self)?.record
    }

    private func withSessions<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.checkoutSessions))
            }
        }
    }
}
