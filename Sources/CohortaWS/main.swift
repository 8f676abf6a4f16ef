import Crypto
import Daemon
import Domain
import Foundation
import Logging
import Metrics
import Mongo
import WebSocketServer

// Main thread = the lws service thread for the whole life of the process (docs/realtime.md).
LoggingBootstrap.bootstrap(level: .info)
let logger = Logger(label: "cohorta.ws")
let config = CohortaConfig.loadOrExit(logger: logger)
LoggingBootstrap.setLevel(config.logLevel)
let service = ServiceHandleSlot()
// Before any other thread exists (libmongoc's pool starts one): the signal mask is inherited.
StopSignal.onStop { service.requestStop() }

// Metrics: this process's segment; leftovers of earlier cohorta-ws processes that died are deleted.
MetricsDirectory(path: config.metricsDirectory).removeStale(role: "ws")
let metrics = MetricsSetup.segment(directory: config.metricsDirectory, role: "ws", logger: logger)

let workerThreads = 4
let pool = DatabaseConnection.open(
    config: config, appName: "cohorta-ws", maxClients: MongoChangeFeed.pooledClients + workerThreads,
    logger: logger)
let workers = BlockingWorkers(threads: workerThreads, capacity: 20_000)
let signer = JWTSigner(secret: config.jwtSecret)
let hub = Hub(
    access: WorkerStoreAccess(
        store: DomainLiveStore.production(pool: pool, config: config, signer: signer), workers: workers,
        service: service),
    tokens: signer,
    limits: HubLimits(connectionsPerUser: config.wsMaxConnectionsPerUser), clock: SystemClock(), logger: logger,
    metrics: metrics)
let serverConfiguration = WebSocketServerConfiguration(
    unixSocketPath: config.wsSocket, loopbackPort: config.wsPort, slowConsumerClose: .slowConsumer)
let handler = SocketHandler(origins: OriginPolicy(allowed: config.wsAllowedOrigins), hub: hub, logger: logger)

do {
    let server = try LWSContext(configuration: serverConfiguration, handler: handler, logger: logger)
    service.set(server.handle)
    let boundHub = ServiceThreadBound(hub)
    // Every stream is open before the service loop runs, so each write after a client's catch-up read
    // reaches it live (docs/realtime.md, "Exactly once").
    let feed = MongoChangeFeed(pool: pool, database: config.mongoDatabase, logger: logger, metrics: metrics)
    try feed.start { observed in
        service.execute { boundHub.value.apply(observed.change, changedAt: observed.changedAt) }
    }
    Ticker.start { service.execute { boundHub.value.sweep() } }
    Notify.ready()
    logger.notice("cohorta-ws ready", metadata: ["socket": "\(config.wsSocket)"])
    server.run()
    feed.stop()
    workers.stop()
} catch {
    logger.critical("cohorta-ws cannot start", metadata: ["error": "\(error)"])
    ExitCode.exit(.failure)
}
