import Domain
import Logging

/// What task executors are built from in a runner process: the stores, the LLM gateway and the prompts.
struct RunnerServices: Sendable {
    let ports: AppPorts
    let llm: any LLMClient
    let prompts: PromptLibrary
    let logger: Logger
}
