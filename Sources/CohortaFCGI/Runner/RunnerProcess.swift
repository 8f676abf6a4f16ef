import Daemon
import Domain
import Foundation
import Glibc
import Logging
import Metrics
import Mongo

/// One forked runner process: its own Mongo pool (after fork), the executors, the claim and heartbeat threads.
/// The main thread waits for SIGTERM, then stops claiming and lets running tasks hand themselves back.
enum RunnerProcess {
    static func run(config: CohortaConfig, prompts: PromptLibrary, slot: Int, logger parentLogger: Logger) -> ExitCode {
        // Before any thread exists: only the main thread's sigwait receives SIGTERM.
        ProcessSignals.block([SIGTERM])
        ProcessSignals.ignore([SIGINT, SIGHUP, SIGPIPE])
        var logger = parentLogger
        logger[metadataKey: "runner"] = "\(slot)"
        // Each claim thread may hold a client, plus the heartbeat thread.
        // The runner supervisor ensured the indexes before forking.
        let pool = DatabaseConnection.attach(
            config: config, appName: "cohorta-runner", maxClients: config.runnerThreads + 1, logger: logger)
        let ports = AppPorts.production(pool: pool, config: config)
        let metrics = MetricsSetup.segment(directory: config.metricsDirectory, role: "runner", logger: logger)
        let services = RunnerServices(
            ports: ports, llm: LLMGateway.production(pool: pool, config: config, logger: logger, metrics: metrics),
            prompts: prompts,
            logger: logger)
        let runner = TaskRunner(
            store: ports.tasks, registry: .production(services: services), clock: ports.clock, policy: ports.taskPolicy,
            logger: logger, metrics: metrics)
        let host = ProcessInfo.processInfo.hostName
        runner.start(threads: config.runnerThreads, ownerPrefix: "\(host)/\(getpid())")
        _ = ProcessSignals.wait(for: [SIGTERM])
        logger.notice("runner draining")
        guard runner.stop(timeout: .seconds(10)) else {
            logger.warning("runner drain timed out")
            return .failure
        }
        return .success
    }
}
