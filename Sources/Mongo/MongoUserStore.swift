internal import BSON
public import Domain

/// `UserStore` over the `users` collection. Thread-safe: every call borrows its own client.
public struct MongoUserStore: UserStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    /// Writes the user with `credits_balance` = trial and the trial grant already in `pending_ledger`
    /// (one atomic document write), then settles it into the ledger with the code `reconcile` uses.
    /// If settling fails this throws, yet the account exists with the right balance and the next
    /// `reconcile` writes the entry.
    public func insert(_ user: NewUser) throws -> User {
        let id = ObjectID()
        let userID = UserID(id.hex)
        let trial =
            user.trialCredits.isPositive
            ? [
                PendingLedgerItem(
                    LedgerChange(
                        userID: userID, amount: user.trialCredits, kind: .trialGrant, reason: "Trial credits",
                        idempotencyKey: .trialGrant(for: userID), at: user.createdAt),
                    entryID: ObjectID())
            ] : []
        let document = UserDocument(
            id: id, email: user.email.value, passwordHash: user.passwordHash, role: user.role,
            creditsBalance: trial.isEmpty ? .zero : user.trialCredits, tokenVersion: 0,
            createdAt: user.createdAt.millisecondPrecision,
            pendingLedger: trial)
        return try MongoStoreErrors.mapping(conflict: "An account with this e-mail address already exists.") {
            try pool.withClient { client in
                let database = client.database(database)
                try database.collection(MongoCollectionName.users).insertOne(encoding: document)
                try PendingLedger.settleAll(of: id, in: database)
                return try document.user()
            }
        }
    }

    public func user(id: UserID) throws -> User? {
        guard let objectID = id.objectID else { return nil }
        return try findOne(["_id": .objectID(objectID)])
    }

    public func user(email: EmailAddress) throws -> User? {
        try findOne(["email": .string(email.value)])
    }

    public func changePassword(of id: UserID, to hash: PasswordHash) throws -> User {
        try update(id, ["$set": ["password_hash": .string(hash.value)], "$inc": ["token_version": 1]])
    }

    public func revokeTokens(of id: UserID) throws -> User {
        try update(id, ["$inc": ["token_version": 1]])
    }

    public func setRole(_ role: UserRole, of id: UserID) throws -> User {
        try update(id, ["$set": ["role": .string(role.rawValue)]])
    }

    public func setDisabled(_ disabled: Bool, of id: UserID) throws -> User {
        try update(
            id,
            disabled
                ? ["$set": ["disabled": true], "$inc": ["token_version": 1]]
                : ["$set": ["disabled": false]])
    }

    /// Newest first; the total counts matching ids (nx-27017's `countDocuments` is not relied on).
    public func users(emailContaining text: String?, page: PageRequest) throws -> Page<User> {
        let filter: BSONDocument =
            if let text, !text.isEmpty {
                ["email": ["$regex": .string(MongoPersonaStore.escapedPattern(text)), "$options": "i"]]
            } else {
                BSONDocument()
            }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let users = client.database(database).collection(MongoCollectionName.users)
                let found = try users.find(
                    filter, sort: ["created_at": -1, "_id": -1], skip: page.offset, limit: page.perPage,
                    as: UserDocument.self)
                let total = try users.find(filter, projection: ["_id": 1]).count
                return Page(items: try found.map { try $0.user() }, request: page, total: total)
            }
        }
    }

    private func findOne(_ filter: BSONDocument) throws -> User? {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try client.database(database).collection(MongoCollectionName.users)
                    .findOne(filter, as: UserDocument.self)?.user()
            }
        }
    }

    private func update(_ id: UserID, _ update: BSONDocument) throws -> User {
        guard let objectID = id.objectID else { throw Self.userNotFound }
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let users = client.database(database).collection(MongoCollectionName.users)
                guard let updated = try users.findOneAndUpdate(["_id": .objectID(objectID)], update) else {
                    throw Self.userNotFound
                }
                return try BSONDecoder().decode(UserDocument.self, from: updated).user()
            }
        }
    }

    private static let userNotFound = DomainError(.notFound, "No such user.")
}
