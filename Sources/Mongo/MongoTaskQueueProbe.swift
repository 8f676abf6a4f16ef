internal import BSON
public import Foundation

/// The task queue as /metrics reports it, read from `tasks` at scrape time: how many tasks wait for a
/// runner and when the oldest of them was created (nil when none waits).
public struct MongoTaskQueueProbe: Sendable {
    public struct Reading: Sendable, Equatable {
        public let queued: Int
        public let oldestCreatedAt: Date?
    }

    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    /// Two indexed reads (`status, kind, created_at`). Throws the pool's or the server's error.
    public func read() throws -> Reading {
        try pool.withClient { client in
            let tasks = client.database(database).collection(MongoCollectionName.tasks)
            let queued: BSONDocument = ["status": .string("queued")]
            let oldest = try tasks.find(
                queued, projection: ["created_at": 1], sort: ["created_at": 1], limit: 1
            ).first
            guard case .date(let createdAt)? = oldest?["created_at"] else {
                return Reading(queued: try tasks.count(queued), oldestCreatedAt: nil)
            }
            return Reading(queued: try tasks.count(queued), oldestCreatedAt: createdAt)
        }
    }
}
