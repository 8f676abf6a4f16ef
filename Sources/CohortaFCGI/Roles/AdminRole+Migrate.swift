import Daemon
import Logging
import Mongo

/// `cohorta-fcgi admin migrate [--attempts N]`: creates every MongoDB index the stores rely on
/// (`MongoSchema.ensureIndexes`, the same step every service runs at start), then prints each collection's
/// indexes and which ones this run created. Run it at install and before starting an upgraded release.
/// Idempotent: a second run creates nothing. Exit 0 when done, 78 for a bad setting or a URI libmongoc
/// refuses, 1 when the database does not answer after N attempts a second apart (default 10).
extension AdminRole {
    static func migrate(arguments: [String], logger: Logger) -> Never {
        var attempts = 10
        if !arguments.isEmpty {
            guard arguments.count == 2, arguments[0] == "--attempts", let value = Int(arguments[1]),
                (1...600).contains(value)
            else { usageError() }
            attempts = value
        }
        let config = CohortaConfig.loadOrExit(logger: logger)
        MongoRuntime.initialize()
        let (_, report) = DatabaseConnection.connect(
            config: config, appName: "cohorta-migrate", maxClients: 1, attempts: attempts, logger: logger
        ) { pool in
            try MongoSchema.migrate(pool: pool, database: config.mongoDatabase)
        }
        for collection in report {
            print("\(collection.collection): \(collection.indexes.count) indexes, \(collection.created.count) created")
            for index in collection.indexes {
                print("  \(index)\(collection.created.contains(index) ? "   (created)" : "")")
            }
            logger.notice(
                "indexes ensured",
                metadata: [
                    "collection": "\(collection.collection)", "indexes": "\(collection.indexes.count)",
                    "created": "\(collection.created.count)",
                ])
        }
        let created = report.reduce(0) { $0 + $1.created.count }
        logger.notice(
            "migration finished",
            metadata: [
                "database": "\(config.mongoDatabase)", "collections": "\(report.count)", "created": "\(created)",
            ])
        ExitCode.exit(.success)
    }
}
