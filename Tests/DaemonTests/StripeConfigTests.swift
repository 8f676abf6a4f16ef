import Daemon
import Testing

struct StripeConfigTests {
    static let production = [
        "COHORTA_JWT_SECRET": "k8Zq3vR1xP0wL5sN7mT2yB9cF4hJ6dG0aE1uI3oQ", "COHORTA_MONGO_URI": "mongodb://db:27017",
    ]

    func config(_ extra: [String: String], dev: Bool = false) throws(ConfigError) -> CohortaConfig {
        var environment = dev ? ["COHORTA_DEV_MODE": "1"] : Self.production
        environment.merge(extra) { $1 }
        return try CohortaConfig(EnvironmentSource(environment: environment))
    }

    func failure(_ extra: [String: String], dev: Bool = false) -> ConfigError? {
        do {
            _ = try config(extra, dev: dev)
            return nil
        } catch { return error }
    }

    @Test func productionWithoutStripeKeysHasBillingOff() throws {
        let stripe = try config([:]).stripe
        #expect(!stripe.checkoutEnabled && !stripe.webhookEnabled && !stripe.usesFake)
        #expect(stripe.apiBase == "https://api.stripe.com")
    }

    @Test func productionWithAKeyNeedsAWebhookSecretAndAPublicURL() throws {
        #expect(failure(["STRIPE_SECRET_KEY": "sk_test_1"])?.setting == "STRIPE_WEBHOOK_SECRET")
        #expect(
            failure(["STRIPE_SECRET_KEY": "sk_test_1", "STRIPE_WEBHOOK_SECRET": "whsec_a"])?.setting
                == "COHORTA_PUBLIC_URL")
        #expect(
            failure([
                "STRIPE_SECRET_KEY": "sk_test_1", "STRIPE_WEBHOOK_SECRET": "whsec_a",
                "COHORTA_PUBLIC_URL": "http://cohorta.example",
            ])?.setting == "COHORTA_PUBLIC_URL")
        let stripe = try config([
            "STRIPE_SECRET_KEY": "sk_live_1", "STRIPE_WEBHOOK_SECRET": " whsec_new , whsec_old ",
            "COHORTA_PUBLIC_URL": "https://cohorta.example",
        ]).stripe
        #expect(stripe.webhookSecrets == ["whsec_new", "whsec_old"])
        #expect(stripe.secretKey == "sk_live_1" && stripe.apiBase == "https://api.stripe.com")
    }

    @Test func rejectsBadKeysSecretsAndURLs() {
        #expect(failure(["STRIPE_SECRET_KEY": "pk_test_1"])?.setting == "STRIPE_SECRET_KEY")
        #expect(failure(["STRIPE_WEBHOOK_SECRET": "whsec_a,,whsec_b"])?.setting == "STRIPE_WEBHOOK_SECRET")
        #expect(failure(["STRIPE_WEBHOOK_SECRET": "whsec a"])?.setting == "STRIPE_WEBHOOK_SECRET")
        #expect(failure(["STRIPE_API_BASE": "http://stripe.example"])?.setting == "STRIPE_API_BASE")
        #expect(failure(["STRIPE_API_BASE": "ftp://x"], dev: true)?.setting == "STRIPE_API_BASE")
    }

    @Test func devModeWithoutAKeyUsesTheFakeWithFixedSecrets() throws {
        let config = try config([:], dev: true)
        #expect(config.stripe.usesFake)
        #expect(config.stripe.apiBase == StripeSettings.developmentAPIBase)
        #expect(config.stripe.secretKey == StripeSettings.developmentSecretKey)
        #expect(config.stripe.webhookSecrets == [StripeSettings.developmentWebhookSecret])
        #expect(config.stripe.publicURL == StripeSettings.developmentPublicURL)
        let scripted = try self.config(
            ["STRIPE_API_BASE": "http://127.0.0.1:40001", "STRIPE_WEBHOOK_SECRET": "whsec_script"], dev: true)
        #expect(scripted.stripe.apiBase == "http://127.0.0.1:40001")
        #expect(scripted.stripe.webhookSecrets == ["whsec_script"])
    }
}
