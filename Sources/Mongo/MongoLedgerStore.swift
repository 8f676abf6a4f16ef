internal import BSON
public import Domain
public import Foundation

/// `LedgerStore` over `users.credits_balance` + `users.pending_ledger` + `credit_transactions`.
///
/// Crash-safe and race-safe without transactions (nx-27017 has no isolation):
/// 1. an existing entry with the key → `.alreadyApplied`;
/// 2. one guarded `findOneAndUpdate` moves the balance and pushes a pending item (atomic per document);
/// 3. the entry is inserted (`PendingLedger.settle`), reverting if the key was taken meanwhile;
/// 4. the item is pulled. A crash between 2 and 4 leaves a pending item that `reconcile` settles.
/// Thread-safe: every call borrows its own client from the pool.
public struct MongoLedgerStore: LedgerStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func apply(_ change: LedgerChange) throws -> LedgerOutcome {
        guard let user = change.userID.objectID else { throw Self.userNotFound }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try apply(change, to: user, in: client.database(database))
            }
        }
    }

    private func apply(_ change: LedgerChange, to user: ObjectID, in database: MongoDatabase) throws -> LedgerOutcome {
        if let existing = try entry(withKey: change.idempotencyKey, in: database) {
            return try replay(existing, of: change)
        }
        let item = PendingLedgerItem(change, entryID: ObjectID())
        let users = database.collection(MongoCollectionName.users)
        for _ in 0..<Self.maximumAttempts {
            if let updated = try users.findOneAndUpdate(
                LedgerDocuments.applyFilter(user: user, item: item), LedgerDocuments.applyUpdate(item: item))
            {
                let balance = try BSONDecoder().decode(UserDocument.self, from: updated).creditsBalance
                switch try PendingLedger.settle(item, of: user, balanceAfter: balance, in: database) {
                case .recorded(let entry): return .applied(entry.entry)
                case .reverted(let existing): return try replay(existing, of: change)
                }
            }
            if let outcome = try diagnoseRefusal(of: change, item: item, user: user, in: database) {
                return outcome
            }
        }
        throw DomainError(.conflict, "The balance changed while applying this change. Please try again.")
    }

    /// Why step 2 matched nothing: throws, returns the earlier outcome of the same key, or returns nil
    /// when the balance moved in between and step 2 should run again.
    private func diagnoseRefusal(
        of change: LedgerChange, item: PendingLedgerItem, user: ObjectID, in database: MongoDatabase
    ) throws -> LedgerOutcome? {
        let users = database.collection(MongoCollectionName.users)
        for _ in 0..<Self.pendingPolls {
            guard let current = try users.findOne(["_id": .objectID(user)], as: UserDocument.self) else {
                throw Self.userNotFound
            }
            let keyPending = current.pendingLedger?.contains { $0.key == item.key } ?? false
            if let existing = try entry(withKey: change.idempotencyKey, in: database) {
                return try replay(existing, of: change)
            }
            guard keyPending else {
                if change.amount < .zero, !change.kind.mayOverdraw, current.creditsBalance < change.amount.magnitude {
                    throw LedgerDocuments.insufficientCredits(
                        needed: change.amount.magnitude, balance: current.creditsBalance)
                }
                return nil
            }
            // A concurrent call with the same key is between its steps 2 and 4: give it a moment.
            Thread.sleep(forTimeInterval: Self.pendingPollInterval)
        }
        throw DomainError(
            .conflict, "This change is already in progress. Please try again shortly.",
            detail: "idempotency key still pending after polling")
    }

    private func replay(_ existing: LedgerEntryDocument, of change: LedgerChange) throws -> LedgerOutcome {
        guard existing.userID.hex == change.userID.rawValue else {
            throw DomainError(
                .conflict, "This idempotency key was already used for a different change.", field: "Idempotency-Key")
        }
        return .alreadyApplied(existing.entry)
    }

    private func entry(withKey key: IdempotencyKey, in database: MongoDatabase) throws -> LedgerEntryDocument? {
        try database.collection(MongoCollectionName.creditTransactions)
            .findOne(["idempotency_key": .string(key.value)], as: LedgerEntryDocument.self)
    }

    public func entries(of user: UserID, page: PageRequest) throws -> Page<LedgerEntry> {
        guard let id = user.objectID else { return Page(items: [], request: page, total: 0) }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let entries = client.database(database).collection(MongoCollectionName.creditTransactions)
                let filter = Self.entriesFilter(id)
                let items = try entries.find(
                    filter, sort: ["created_at": -1, "_id": -1], skip: page.offset, limit: page.perPage,
                    as: LedgerEntryDocument.self)
                // Counted from ids: nx-27017's count cannot match ObjectId values.
                let total = try entries.find(filter, projection: ["_id": 1]).count
                return Page(items: items.map(\.entry), request: page, total: total)
            }
        }
    }

    public func entries(of user: UserID, in interval: DateInterval) throws -> [LedgerEntry] {
        guard let id = user.objectID else { return [] }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.creditTransactions)
                    .find(MongoDateRange.filter(user: id, createdIn: interval), as: LedgerEntryDocument.self)
                    .map(\.entry)
            }
        }
    }

    public func reconcile(_ user: UserID) throws {
        guard let id = user.objectID else { return }
        try MongoStoreErrors.mapping {
            try pool.withClient { client in try PendingLedger.settleAll(of: id, in: client.database(database)) }
        }
    }

    public func ledgerSum(of user: UserID) throws -> Credits {
        guard let id = user.objectID else { return .zero }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let entries = client.database(database).collection(MongoCollectionName.creditTransactions)
                return try entries.find(Self.entriesFilter(id), projection: ["amount": 1])
                    .reduce(Credits.zero) { sum, entry in sum + Credits(entry["amount"]?.int64Value ?? 0) }
            }
        }
    }

    /// `$in` rather than equality: the same on MongoDB, and nx-27017 matches ObjectIds outside `_id` only this way.
    private static func entriesFilter(_ user: ObjectID) -> BSONDocument {
        ["user_id": ["$in": [.objectID(user)]]]
    }

    private static let maximumAttempts = 5
    private static let pendingPolls = 20
    private static let pendingPollInterval: TimeInterval = 0.01
    private static let userNotFound = DomainError(.notFound, "No such user.")
}
