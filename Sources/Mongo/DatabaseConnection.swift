public import Daemon
internal import Foundation
public import Logging

/// Opens the process's Mongo pool and makes sure the collections' indexes exist, waiting a little for a
/// database that is still starting (a fresh boot brings MongoDB and Cohorta up together). Exits the
/// process on a bad URI (configuration) or a database that never answers. Every service keeps ensuring the
/// indexes at start even though `cohorta-fcgi admin migrate` exists: the unique ones are what make sign-up and
/// ledger writes safe, and an index that exists costs one no-op round trip (docs/deploy.md, section 4a).
public enum DatabaseConnection {
    public static func open(config: CohortaConfig, appName: String, maxClients: Int, logger: Logger) -> MongoClientPool
    {
        connect(config: config, appName: appName, maxClients: maxClients, attempts: 30, logger: logger) { pool in
            try MongoSchema.ensureIndexes(pool: pool, database: config.mongoDatabase)
        }.pool
    }

    /// For a process forked by a supervisor that has already `open`ed (a FastCGI worker, a runner): opens its
    /// own pool and waits for the database to answer, without ensuring the indexes again. A worker respawned
    /// after a crash is then serving after one round trip instead of one per index.
    public static func attach(config: CohortaConfig, appName: String, maxClients: Int, logger: Logger)
        -> MongoClientPool
    {
        connect(config: config, appName: appName, maxClients: maxClients, attempts: 30, logger: logger) { pool in
            try pool.withClient { try $0.database(config.mongoDatabase).ping() }
        }.pool
    }

    /// Opens the pool and runs `prepare` on it (idempotent work, retried once a second up to `attempts` times
    /// while the database does not answer). Exit status 78 for a URI libmongoc refuses, 1 when every attempt failed.
    public static func connect<Result>(
        config: CohortaConfig, appName: String, maxClients: Int, attempts: Int, logger: Logger,
        prepare: (MongoClientPool) throws -> Result
    ) -> (pool: MongoClientPool, result: Result) {
        let pool: MongoClientPool
        do {
            pool = try MongoClientPool(uri: config.mongoURI, appName: appName, maxSize: maxClients)
        } catch {
            logger.error("invalid configuration", metadata: ["setting": "COHORTA_MONGO_URI", "reason": "\(error)"])
            ExitCode.exit(.configuration)
        }
        for attempt in 1...max(1, attempts) {
            do {
                return (pool, try prepare(pool))
            } catch {
                logger.warning("database not ready", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                if attempt < attempts { Thread.sleep(forTimeInterval: 1) }
            }
        }
        logger.error("database unreachable; giving up", metadata: ["database": "\(config.mongoDatabase)"])
        ExitCode.exit(.failure)
    }
}
