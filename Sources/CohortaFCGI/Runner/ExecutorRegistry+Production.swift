import Domain

extension ExecutorRegistry {
    /// Every task kind production runs. A feature adds its executor here, built from `ports`
    /// (e.g. `PersonaGenerationExecutor(personas: ports.personas, llm: …)`).
    static func production(ports: AppPorts) -> ExecutorRegistry {
        ExecutorRegistry([])
    }
}
