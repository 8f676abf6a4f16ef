import Domain
import HTTPCore

/// /api/health (database reachable?) and /api/version.
struct HealthRoutes {
    private struct Health: Encodable {
        let status = "ok"
        let database = "ok"
    }

    private struct Version: Encodable {
        let name = "cohorta"
        let version: String
        let devMode: Bool
        let llmSimulated: Bool

        enum CodingKeys: String, CodingKey {
            case name, version
            case devMode = "dev_mode"
            case llmSimulated = "llm_simulated"
        }
    }

    let app: AppContainer

    /// Both bodies are fixed for the life of the process, so they are encoded once here, not per request.
    func register(in router: inout Router<RequestContext>) {
        let healthy = HTTPResponse.json(Health())
        router.on(.get, "/api/health") { _, _, _ in
            try app.health.ping()
            return healthy
        }
        let version = HTTPResponse.json(
            Version(version: CohortaVersion.current, devMode: app.mode.devMode, llmSimulated: app.mode.llmSimulated))
        router.on(.get, "/api/version") { _, _, _ in version }
    }
}
