import Daemon
import FastCGI
import HTTPCore
import Logging
import Metrics
import Mongo

/// One forked worker: its own Mongo pool (created after fork), the use cases, and the accept threads.
enum WorkerProcess {
    static func run(config: CohortaConfig, listenDescriptor: Int32, slot: Int, logger parentLogger: Logger) -> ExitCode
    {
        // First, before any thread exists (libmongoc's pool starts a monitor thread): block SIGTERM so only
        // the drain logic receives it, whichever thread the kernel picks.
        FastCGIServer.prepareWorkerProcess()
        var logger = parentLogger
        logger[metadataKey: "worker"] = "\(slot)"
        // Every accept thread may hold a client at once, plus one spare for health checks.
        // The supervisor ensured the indexes before forking.
        let pool = DatabaseConnection.attach(
            config: config, appName: "cohorta-fcgi", maxClients: config.fcgiThreads + 1, logger: logger)
        let app: AppContainer
        do {
            app = try AppContainer(
                ports: .production(pool: pool, config: config), tokenLifetime: Double(config.jwtTTLSeconds),
                mode: RuntimeMode(config))
        } catch {
            logger.error("cannot build the application", metadata: ["error": "\(error)"])
            return .failure
        }
        let metrics = MetricsSetup.segment(directory: config.metricsDirectory, role: "fcgi", logger: logger)
        var router = APIRouter.make(app: app, logger: logger)
        MetricsRoutes(
            directory: MetricsDirectory(path: config.metricsDirectory),
            queue: MongoTaskQueueProbe(pool: pool, database: config.mongoDatabase), logger: logger
        ).register(in: &router)
        let workerLogger = logger
        let server = FastCGIServer(
            listenDescriptor: listenDescriptor, threads: config.fcgiThreads, bodyLimits: APIRouter.bodyLimits(config),
            logger: logger, metrics: metrics
        ) { [router] request in
            var requestLogger = workerLogger
            requestLogger[metadataKey: "request.id"] = "\(request.requestID)"
            return router.respond(to: request, context: RequestContext(logger: requestLogger))
        }
        return server.runUntilTerminated()
    }
}
