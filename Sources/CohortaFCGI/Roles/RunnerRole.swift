import Daemon
import Domain
import HTTPClient
import Logging
import Mongo

/// `cohorta-fcgi runner`: a supervisor forking COHORTA_RUNNER_PROCESSES task-runner processes (respawned
/// with backoff, drained on SIGTERM, rolled on SIGHUP), each with COHORTA_RUNNER_THREADS claim threads.
enum RunnerRole {
    static func run(logger: Logger) -> Never {
        let config = CohortaConfig.loadOrExit(logger: logger)
        LoggingBootstrap.setLevel(config.logLevel)
        MongoRuntime.initialize()
        // libcurl's global state, once, before any thread or fork (the LLM transport's clients need it).
        do {
            try CurlRuntime.initialize()
        } catch {
            logger.error("cannot initialise libcurl", metadata: ["error": "\(error)"])
            ExitCode.exit(.failure)
        }
        // Checked once before forking, so a bad URI fails fast with exit 78/1.
        _ = DatabaseConnection.open(config: config, appName: "cohorta-runner-supervisor", maxClients: 1, logger: logger)
        let prompts = PromptCatalog.loadOrExit(config: config, logger: logger)
        logger.notice(
            "cohorta-fcgi runner starting",
            metadata: [
                "version": "\(CohortaVersion.current)", "processes": "\(config.runnerProcesses)",
                "threads": "\(config.runnerThreads)",
            ])
        let supervisor = Supervisor(
            logger: logger, drainTimeout: .seconds(12),
            metrics: MetricsSetup.retirement(directory: config.metricsDirectory, role: "runner", logger: logger))
        let code = supervisor.run(plan(config, prompts: prompts, logger: logger)) {
            let reloaded = try CohortaConfig(EnvironmentSource.current())
            LoggingBootstrap.setLevel(reloaded.logLevel)
            return plan(reloaded, prompts: try PromptDirectory.load(at: reloaded.promptsDirectory), logger: logger)
        }
        ExitCode.exit(code)
    }

    private static func plan(_ config: CohortaConfig, prompts: PromptLibrary, logger: Logger) -> WorkerPlan {
        WorkerPlan(workers: config.runnerProcesses) { slot in
            RunnerProcess.run(config: config, prompts: prompts, slot: slot, logger: logger)
        }
    }
}
