import Daemon

/// What the product tells its users about how it runs: development settings, a simulated LLM.
struct RuntimeMode: Sendable {
    let devMode: Bool
    let llmSimulated: Bool

    init(devMode: Bool, llmSimulated: Bool) {
        self.devMode = devMode
        self.llmSimulated = llmSimulated
    }

    init(_ config: CohortaConfig) {
        self.init(devMode: config.devMode, llmSimulated: config.llmSimulated)
    }
}
