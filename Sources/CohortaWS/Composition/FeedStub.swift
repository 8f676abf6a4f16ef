import Domain
import Logging
import Mongo

final class MongoChangeFeed: Sendable {
    static let clientsNeeded = 6
    init(pool: MongoClientPool, database: String, logger: Logger) {}
    func start(deliver: @escaping @Sendable (StoredChange) -> Void) throws {}
    func stop() {}
}
