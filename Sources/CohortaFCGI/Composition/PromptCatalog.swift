import Daemon
import Domain
import Logging

/// Loads and checks every prompt template once, before a runner forks: a broken template stops startup
/// (exit 78, naming the file and the problem), never a task.
enum PromptCatalog {
    static func loadOrExit(config: CohortaConfig, logger: Logger) -> PromptLibrary {
        do {
            let library = try PromptDirectory.load(at: config.promptsDirectory)
            logger.notice("prompts loaded", metadata: ["count": "\(library.names.count)"])
            return library
        } catch {
            let reason = (error as? DomainError)?.message ?? "\(error)"
            logger.error("invalid configuration", metadata: ["setting": "COHORTA_PROMPTS_DIR", "reason": "\(reason)"])
            ExitCode.exit(.configuration)
        }
    }
}
