import Daemon
import Domain
import FastCGI
import HTTPClient
import HTTPCore
import Logging
import Mongo

/// `cohorta-fcgi serve`: the supervisor binds (or inherits) the FastCGI socket and forks the workers.
enum ServeRole {
    static func run(logger: Logger) -> Never {
        let config = CohortaConfig.loadOrExit(logger: logger)
        LoggingBootstrap.setLevel(config.logLevel)
        MongoRuntime.initialize()
        // libcurl's global state, once, before any fork (the Stripe Checkout client's handles need it).
        do {
            try CurlRuntime.initialize()
        } catch {
            logger.error("cannot initialise libcurl", metadata: ["error": "\(error)"])
            ExitCode.exit(.failure)
        }
        // The supervisor checks the database once before forking, so a bad URI fails fast with exit 78/1.
        _ = DatabaseConnection.open(config: config, appName: "cohorta-fcgi-supervisor", maxClients: 1, logger: logger)
        let socket: ListenSocket
        do {
            socket = try ListenSocket(path: config.fcgiSocket)
        } catch {
            logger.error(
                "cannot open the FastCGI socket", metadata: ["path": "\(config.fcgiSocket)", "error": "\(error)"])
            ExitCode.exit(.failure)
        }
        logger.notice(
            "cohorta-fcgi starting",
            metadata: [
                "version": "\(CohortaVersion.current)", "socket": "\(config.fcgiSocket)",
                "socket.activated": "\(socket.isSocketActivated)", "dev_mode": "\(config.devMode)",
            ])
        let supervisor = Supervisor(
            logger: logger,
            metrics: MetricsSetup.retirement(directory: config.metricsDirectory, role: "fcgi", logger: logger))
        let code = supervisor.run(plan(config, socket: socket, logger: logger)) {
            // SIGHUP: re-read the configuration; a bad one keeps the running generation.
            let reloaded = try CohortaConfig(EnvironmentSource.current())
            LoggingBootstrap.setLevel(reloaded.logLevel)
            return plan(reloaded, socket: socket, logger: logger)
        }
        ExitCode.exit(code)
    }

    private static func plan(_ config: CohortaConfig, socket: ListenSocket, logger: Logger) -> WorkerPlan {
        WorkerPlan(workers: config.fcgiWorkers) { slot in
            WorkerProcess.run(config: config, listenDescriptor: socket.descriptor, slot: slot, logger: logger)
        }
    }
}
