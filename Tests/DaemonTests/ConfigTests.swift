import Daemon
import Foundation
import Logging
import Testing

struct ConfigTests {
    let strongSecret = "k8Zq3vR1xP0wL5sN7mT2yB9cF4hJ6dG0aE1uI3oQ"

    func config(_ environment: [String: String], file: [String: String] = [:], credentials: String? = nil)
        throws(ConfigError) -> CohortaConfig
    {
        try CohortaConfig(EnvironmentSource(environment: environment, file: file, credentialsDirectory: credentials))
    }

    func error(_ environment: [String: String]) -> ConfigError? {
        do {
            _ = try config(environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultsFollowTheContract() throws {
        let config = try config(["COHORTA_JWT_SECRET": strongSecret, "COHORTA_MONGO_URI": "mongodb://db:27017"])
        #expect(!config.devMode)
        #expect(config.jwtSecret == Array(strongSecret.utf8))
        #expect(config.jwtTTLSeconds == 86_400)
        #expect(config.mongoDatabase == "cohorta")
        #expect(config.fcgiSocket == "/run/cohorta/fcgi.sock")
        #expect(config.fcgiWorkers == 2)
        #expect(config.fcgiThreads == 8)
        #expect(config.maxBodyBytes == 1_048_576)
        #expect(config.wsSocket == "/run/cohorta/ws.sock")
        #expect(config.wsPort == nil)
        #expect(config.logLevel == .info)
    }

    @Test func missingSecretIsAnErrorNamingTheSetting() {
        let failure = error(["COHORTA_MONGO_URI": "mongodb://db"])
        #expect(failure?.setting == "COHORTA_JWT_SECRET")
        #expect(failure?.code == .missing)
    }

    @Test func shortAndGuessableSecretsAreRejected() {
        for secret in [
            "short", String(repeating: "a", count: 40), "secretsecretsecretsecretsecretsecret",
            "changeme-changeme-0123456789-abcdefghij",
        ] {
            let failure = error(["COHORTA_JWT_SECRET": secret, "COHORTA_MONGO_URI": "mongodb://db"])
            #expect(failure?.code == .weak, "\(secret)")
            #expect(failure?.description.hasPrefix("COHORTA_JWT_SECRET: ") == true)
        }
    }

    @Test func devModeAllowsMissingSecretWithAWarningAndMarkedSecret() throws {
        let config = try config(["COHORTA_DEV_MODE": "true"])
        #expect(config.jwtSecret == CohortaConfig.developmentJWTSecret)
        #expect(String(decoding: config.jwtSecret, as: UTF8.self).contains("DEV-ONLY"))
        #expect(config.mongoURI == CohortaConfig.developmentMongoURI)
        #expect(config.warnings.count == 1)
    }

    @Test func devModeKeepsAWeakProvidedSecretButWarns() throws {
        let config = try config(["COHORTA_DEV_MODE": "1", "COHORTA_JWT_SECRET": "test-secret"])
        #expect(config.jwtSecret == Array("test-secret".utf8))
        #expect(config.warnings.first?.contains("COHORTA_JWT_SECRET") == true)
    }

    @Test func invalidValuesNameTheSetting() {
        let base = ["COHORTA_JWT_SECRET": strongSecret, "COHORTA_MONGO_URI": "mongodb://db"]
        let cases: [(String, String)] = [
            ("COHORTA_MONGO_URI", "postgres://x"), ("COHORTA_FCGI_WORKERS", "0"), ("COHORTA_FCGI_THREADS", "many"),
            ("COHORTA_LOG_LEVEL", "loud"), ("COHORTA_DEV_MODE", "maybe"), ("COHORTA_WS_PORT", "70000"),
            ("COHORTA_FCGI_SOCKET", "/" + String(repeating: "s", count: 200)),
        ]
        for (key, value) in cases {
            #expect(error(base.merging([key: value]) { $1 })?.setting == key)
        }
    }

    @Test func environmentWinsOverFileAndCredentialsWinForSecrets() throws {
        let directory = NSTemporaryDirectory() + "cohorta-creds-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try (strongSecret + "\n").write(toFile: directory + "/jwt_secret", atomically: true, encoding: .utf8)
        let config = try config(
            ["COHORTA_FCGI_WORKERS": "4", "COHORTA_JWT_SECRET": "env-secret-that-loses-0123456789abcdef"],
            file: ["COHORTA_FCGI_WORKERS": "3", "COHORTA_FCGI_THREADS": "5", "COHORTA_MONGO_URI": "mongodb+srv://x"],
            credentials: directory)
        #expect(config.fcgiWorkers == 4)
        #expect(config.fcgiThreads == 5)
        #expect(config.mongoURI == "mongodb+srv://x")
        #expect(config.jwtSecret == Array(strongSecret.utf8))
    }

    @Test func envFileSupportsCommentsExportAndQuotes() throws {
        let text = """
            # comment
            export COHORTA_A=plain value
            COHORTA_B="quoted \\"x\\" # not a comment"
            COHORTA_C='single $raw'

            COHORTA_D=
            """
        let values = try EnvironmentSource.parseEnvFile(text)
        #expect(
            values == [
                "COHORTA_A": "plain value", "COHORTA_B": #"quoted "x" # not a comment"#, "COHORTA_C": "single $raw",
                "COHORTA_D": "",
            ])
    }

    @Test func envFileRejectsGarbageWithLineNumber() {
        #expect(throws: ConfigError.self) { try EnvironmentSource.parseEnvFile("GOOD=1\nnot a pair\n") }
        do {
            _ = try EnvironmentSource.parseEnvFile("GOOD=1\nnot a pair\n", path: "/etc/x.env")
        } catch {
            #expect(error.reason.contains("line 2"))
        }
    }
}
