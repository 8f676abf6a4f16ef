import Crypto
import Domain

extension ExecutorRegistry {
    /// Every task kind production runs. A feature adds its executor here, built from `services`
    /// (e.g. `PersonaGenerationExecutor(personas: services.ports.personas, llm: services.llm, …)`).
    static func production(services: RunnerServices) -> ExecutorRegistry {
        ExecutorRegistry(
            [
                PersonaGenerationExecutor(services: services),
                PersonaModificationExecutor(
                    personas: services.ports.personas, llm: services.llm, prompts: services.prompts),
                ImageDescriptionExecutor(
                    groups: services.ports.focusGroups, images: services.ports.stimulusImages, llm: services.llm,
                    prompts: services.prompts, digest: SHA256Digest(), clock: services.ports.clock),
                FocusGroupRunExecutor(services: services, logger: services.logger),
                DiscussionGuideExecutor(kind: DiscussionGuideRequest.guideKind, services: services),
                DiscussionGuideExecutor(kind: DiscussionGuideRequest.sectionKind, services: services),
            ] + [services.ports.exports.map { ExportExecutor(services: services, exports: $0) }].compactMap { $0 })
    }
}
