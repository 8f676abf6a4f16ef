public import Daemon
internal import Foundation
public import Logging

/// Opens the process's Mongo pool and makes sure the collections' indexes exist, waiting a little for a
/// database that is still starting (a fresh boot brings MongoDB and Cohorta up together). Exits the
/// process on a bad URI (configuration) or a database that never answers.
public enum DatabaseConnection {
    public static func open(config: CohortaConfig, appName: String, maxClients: Int, logger: Logger) -> MongoClientPool
    {
        let pool: MongoClientPool
        do {
            pool = try MongoClientPool(uri: config.mongoURI, appName: appName, maxSize: maxClients)
        } catch {
            logger.error("invalid configuration", metadata: ["setting": "COHORTA_MONGO_URI", "reason": "\(error)"])
            ExitCode.exit(.configuration)
        }
        for attempt in 1...30 {
            do {
                try MongoSchema.ensureIndexes(pool: pool, database: config.mongoDatabase)
                return pool
            } catch {
                logger.warning("database not ready", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                Thread.sleep(forTimeInterval: 1)
            }
        }
        logger.error("database unreachable; giving up", metadata: ["database": "\(config.mongoDatabase)"])
        ExitCode.exit(.failure)
    }
}
