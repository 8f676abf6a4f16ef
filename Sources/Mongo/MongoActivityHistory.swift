internal import BSON
public import Domain
public import Foundation

/// `ActivityHistory` over `usage_events`, `users`, `personas`, `sessions` and `credit_transactions` (+ the
/// `checkout_sessions` a Stripe entry names). Every visit is one `find` on `created_at` in the interval,
/// streamed through its cursor (nx-27017's aggregate and count cannot be relied on, so the sums are made
/// by the caller). Thread-safe: every call borrows its own client.
public struct MongoActivityHistory: ActivityHistory {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func visitUsageEvents(in interval: DateInterval, _ visit: (UsageEvent) throws -> Void) throws {
        try withDatabase { database in
            let decoder = BSONDecoder()
            try database.collection(MongoCollectionName.usageEvents).forEach(Self.created(in: interval)) { document in
                try visit(decoder.decode(UsageEventDocument.self, from: document).event)
            }
        }
    }

    public func visitBusinessEvents(in interval: DateInterval, _ visit: (BusinessEvent) throws -> Void) throws {
        try withDatabase { database in
            try Self.visitCreations(in: database.collection(MongoCollectionName.users), owner: "_id", interval) {
                try visit(.signup($0, at: $1))
            }
            try Self.visitCreations(in: database.collection(MongoCollectionName.personas), owner: "user_id", interval) {
                try visit(.personaCreated(by: $0, at: $1))
            }
            try Self.visitCreations(in: database.collection(MongoCollectionName.sessions), owner: "user_id", interval) {
                try visit(.sessionStarted(by: $0, at: $1))
            }
            try MongoPaymentMovements.visit(in: database, interval) { try visit(.payment($0)) }
        }
    }

    public func emails(of users: Set<UserID>) throws -> [UserID: EmailAddress] {
        let ids = users.compactMap { ObjectID(hex: $0.rawValue) }
        guard !ids.isEmpty else { return [:] }
        return try withDatabase { database in
            var emails: [UserID: EmailAddress] = [:]
            for start in stride(from: 0, to: ids.count, by: Self.idsPerQuery) {
                let batch = ids[start..<min(start + Self.idsPerQuery, ids.count)].map(BSONValue.objectID)
                try database.collection(MongoCollectionName.users).forEach(
                    ["_id": ["$in": .array(batch)]], projection: ["email": 1]
                ) { document in
                    guard case .objectID(let id)? = document["_id"], let email = document["email"]?.stringValue,
                        let address = EmailAddress(email)
                    else { return }
                    emails[UserID(id.hex)] = address
                }
            }
            return emails
        }
    }

    /// The `created_at` index each visit reads by.
    static func ensureIndexes(in database: MongoDatabase) throws {
        for name in [
            MongoCollectionName.usageEvents, MongoCollectionName.users, MongoCollectionName.personas,
            MongoCollectionName.sessions, MongoCollectionName.creditTransactions,
        ] {
            try database.collection(name).createIndex(["created_at": 1])
        }
    }

    static func created(in interval: DateInterval) -> BSONDocument {
        BSONDocument([("created_at", createdRange(interval))])
    }

    static func createdRange(_ interval: DateInterval) -> BSONValue {
        ["$gte": .date(interval.start), "$lt": .date(interval.end)]
    }

    /// Each document's owner (`owner` field, an ObjectId) and `created_at`, read with a projection.
    private static func visitCreations(
        in collection: MongoCollection, owner: String, _ interval: DateInterval, _ visit: (UserID, Date) throws -> Void
    ) throws {
        try collection.forEach(created(in: interval), projection: [owner: 1, "created_at": 1]) { document in
            guard case .objectID(let id)? = document[owner], case .date(let at)? = document["created_at"] else {
                return
            }
            try visit(UserID(id.hex), at)
        }
    }

    private func withDatabase<R>(_ body: (MongoDatabase) throws -> R) throws -> R {
        try MongoStoreErrors.mapping { try pool.withClient { client in try body(client.database(database)) } }
    }

    private static let idsPerQuery = 500
}
