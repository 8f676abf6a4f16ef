extension MongoSchema {
    /// What `admin migrate` did to one collection: every index it now has, and those this run created.
    public struct CollectionMigration: Sendable, Equatable {
        public let collection: String
        public let indexes: [String]
        public let created: [String]
    }

    /// Ensures every index (`ensureIndexes`) and reports, per collection, the indexes present afterwards and
    /// the ones that were missing before. Idempotent: a second run creates nothing and reports the same list.
    public static func migrate(pool: MongoClientPool, database: String) throws -> [CollectionMigration] {
        let before = try indexListing(pool: pool, database: database)
        try ensureIndexes(pool: pool, database: database)
        let after = try indexListing(pool: pool, database: database)
        return after.collections.keys.sorted().map { name in
            let indexes = after.collections[name] ?? []
            let existing = Set(before.collections[name] ?? [])
            return CollectionMigration(
                collection: name, indexes: indexes, created: indexes.filter { !existing.contains($0) })
        }
    }

    /// Every collection's indexes as the server lists them (see `MongoIndexListing`).
    public static func indexListing(pool: MongoClientPool, database: String) throws -> MongoIndexListing {
        try pool.withClient { try MongoIndexListing.read(in: $0.database(database)) }
    }
}
