public import Domain

/// `HealthProbe`: pings the database; any failure is `.unavailable`.
public struct MongoHealthProbe: HealthProbe {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func ping() throws {
        do {
            try pool.withClient { client in try client.database(database).ping() }
        } catch {
            throw DomainError.databaseUnreachable(detail: String(reflecting: error))
        }
    }
}
