import Daemon
import Testing

struct LLMConfigTests {
    let base = [
        "COHORTA_JWT_SECRET": "k8Zq3vR1xP0wL5sN7mT2yB9cF4hJ6dG0aE1uI3oQ", "COHORTA_MONGO_URI": "mongodb://db:27017",
    ]

    func config(_ extra: [String: String]) throws(ConfigError) -> CohortaConfig {
        try CohortaConfig(EnvironmentSource(environment: base.merging(extra) { $1 }))
    }

    func error(_ extra: [String: String]) -> ConfigError? {
        do {
            _ = try config(extra)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsPointAtTheSimulator() throws {
        let config = try config([:])
        #expect(config.llmBaseURL == "http://127.0.0.1:8089/v1")
        #expect(config.llmSimulated)
        #expect(config.llmAPIKey == nil)
        #expect(config.llmAuthHeader == .bearer)
        #expect(config.llmModelMain == "cohorta-sim-main")
        #expect(config.llmModelMini == "cohorta-sim-mini")
        #expect(config.llmTimeoutSeconds == 120)
        #expect(config.runnerProcesses == 1)
        #expect(config.runnerThreads == 4)
        #expect(config.tasksPerUser == 3)
    }

    @Test func aConfiguredEndpointIsNotTheSimulatorUnlessSaidSo() throws {
        let real = try config([
            "COHORTA_LLM_BASE_URL": "https://r.openai.azure.com/openai/v1", "COHORTA_LLM_API_KEY": "sk-1",
            "COHORTA_LLM_AUTH_HEADER": "api-key", "COHORTA_LLM_MODEL_MAIN": "gpt-4o",
            "COHORTA_LLM_MODEL_MINI": "gpt-4o-mini",
        ])
        #expect(!real.llmSimulated)
        #expect(real.llmAuthHeader == .apiKey)
        #expect(real.llmAPIKey == "sk-1")
        #expect(real.llmModelMain == "gpt-4o")
        let simulator = try config(["COHORTA_LLM_BASE_URL": "http://127.0.0.1:9000/v1", "COHORTA_LLM_SIMULATED": "1"])
        #expect(simulator.llmSimulated)
    }

    @Test(arguments: [
        ("COHORTA_LLM_BASE_URL", "ftp://x/v1"), ("COHORTA_LLM_BASE_URL", "not a url"),
        ("COHORTA_LLM_AUTH_HEADER", "basic"), ("COHORTA_LLM_MODEL_MAIN", "gpt 4"),
        ("COHORTA_LLM_TIMEOUT_SECONDS", "0"), ("COHORTA_RUNNER_THREADS", "0"), ("COHORTA_TASKS_PER_USER", "many"),
    ])
    func badValuesNameTheirSetting(key: String, value: String) {
        #expect(error([key: value])?.setting == key)
    }

    @Test func aKeyIsNeverSentOverPlainHTTPBeyondLoopback() {
        let failure = error(["COHORTA_LLM_BASE_URL": "http://llm.example.com/v1", "COHORTA_LLM_API_KEY": "sk-1"])
        #expect(failure?.setting == "COHORTA_LLM_BASE_URL")
        #expect(error(["COHORTA_LLM_BASE_URL": "http://localhost:8000/v1", "COHORTA_LLM_API_KEY": "sk-1"]) == nil)
    }

    @Test func azureHeaderNeedsAKey() {
        #expect(error(["COHORTA_LLM_AUTH_HEADER": "api-key"])?.setting == "COHORTA_LLM_API_KEY")
    }
}
