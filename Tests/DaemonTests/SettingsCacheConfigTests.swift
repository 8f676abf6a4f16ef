import Daemon
import Testing

struct SettingsCacheConfigTests {
    func config(_ extra: [String: String]) throws(ConfigError) -> CohortaConfig {
        let base = [
            "COHORTA_JWT_SECRET": "k8Zq3vR1xP0wL5sN7mT2yB9cF4hJ6dG0aE1uI3oQ", "COHORTA_MONGO_URI": "mongodb://db:27017",
        ]
        return try CohortaConfig(EnvironmentSource(environment: base.merging(extra) { $1 }))
    }

    @Test func theSettingsCacheDefaultsToAMinuteAndIsBounded() throws {
        #expect(try config([:]).settingsCacheSeconds == 60)
        #expect(try config(["COHORTA_SETTINGS_CACHE_SECONDS": "1"]).settingsCacheSeconds == 1)
        for bad in ["0", "3601", "soon"] {
            let error = #expect(throws: ConfigError.self) { try config(["COHORTA_SETTINGS_CACHE_SECONDS": bad]) }
            #expect(error?.setting == "COHORTA_SETTINGS_CACHE_SECONDS")
        }
    }
}
