import Foundation

/// Stripe settings (deploy/cohorta.env.example). Production: with `STRIPE_SECRET_KEY` set, a webhook secret
/// and an https `COHORTA_PUBLIC_URL` are required; with neither key nor webhook secret, billing is off (its
/// routes answer 503). Dev mode without a key talks to the local fake Stripe (scripts/fake-stripe.py) with
/// the fixed development key and webhook secret below, which the dev scripts pass to the fake as well.
public struct StripeSettings: Sendable, Equatable {
    /// The fake's default address when the scripts do not set `STRIPE_API_BASE` (stripe-mock's port).
    public static let developmentAPIBase = "http://127.0.0.1:12111"
    public static let developmentSecretKey = "sk_test_cohorta_dev_fake_key"
    public static let developmentWebhookSecret = "whsec_cohorta_dev_fake_webhook_secret"
    public static let developmentPublicURL = "http://127.0.0.1:8080"
    public static let productionAPIBase = "https://api.stripe.com"
    /// Current and previous secret during a rotation; a few more are tolerated.
    public static let maximumWebhookSecrets = 4

    /// `https://api.stripe.com`, or the fake; `/v1/checkout/sessions` is appended.
    public var apiBase: String
    /// nil: Checkout cannot be created (503).
    public var secretKey: String?
    /// Newest first. Empty: the webhook cannot be verified (503).
    public var webhookSecrets: [String]
    /// Where the browser reaches Cohorta: the base of the Checkout success and cancel URLs.
    public var publicURL: String
    /// Dev mode without a key: the local fake Stripe.
    public var usesFake: Bool

    public var checkoutEnabled: Bool { secretKey != nil }
    public var webhookEnabled: Bool { !webhookSecrets.isEmpty }

    init(_ source: EnvironmentSource, devMode: Bool) throws(ConfigError) {
        let key = try source.secret("STRIPE_SECRET_KEY")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let key, !(key.hasPrefix("sk_") || key.hasPrefix("rk_")) || key.contains(where: \.isWhitespace) {
            throw ConfigError(.invalid, setting: "STRIPE_SECRET_KEY", reason: "must be a Stripe key (sk_… or rk_…)")
        }
        usesFake = devMode && key == nil
        secretKey = key ?? (usesFake ? Self.developmentSecretKey : nil)
        apiBase = source.value("STRIPE_API_BASE") ?? (usesFake ? Self.developmentAPIBase : Self.productionAPIBase)
        webhookSecrets = try Self.webhookSecrets(source)
        if webhookSecrets.isEmpty {
            if devMode {
                // Not logged as a warning: dev mode without Stripe settings is the normal `make run`.
                webhookSecrets = [Self.developmentWebhookSecret]
            } else if key != nil {
                throw ConfigError(
                    .missing, setting: "STRIPE_WEBHOOK_SECRET",
                    reason: "required when STRIPE_SECRET_KEY is set (the endpoint's whsec_… signing secret)")
            }
        }
        publicURL = source.value("COHORTA_PUBLIC_URL") ?? (devMode ? Self.developmentPublicURL : "")
        try checkURLs(devMode: devMode)
    }

    /// Comma-separated `whsec_…` values; surrounding spaces are trimmed, any other whitespace is refused
    /// (a secret with a stray newline would never match).
    private static func webhookSecrets(_ source: EnvironmentSource) throws(ConfigError) -> [String] {
        let setting = "STRIPE_WEBHOOK_SECRET"
        guard let raw = try source.secret(setting) else { return [] }
        let secrets = raw.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard secrets.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
            throw ConfigError(.invalid, setting: setting, reason: "must be comma-separated secrets without whitespace")
        }
        guard secrets.count <= maximumWebhookSecrets else {
            throw ConfigError(.invalid, setting: setting, reason: "at most \(maximumWebhookSecrets) secrets")
        }
        return secrets
    }

    private func checkURLs(devMode: Bool) throws(ConfigError) {
        guard Self.isHTTPURL(apiBase, secureUnlessLoopback: !devMode) else {
            throw ConfigError(
                .invalid, setting: "STRIPE_API_BASE", reason: "must be an https:// URL (http:// only on loopback)")
        }
        guard secretKey != nil else { return }
        guard !publicURL.isEmpty else {
            throw ConfigError(
                .missing, setting: "COHORTA_PUBLIC_URL",
                reason: "required with STRIPE_SECRET_KEY (Checkout return URLs)")
        }
        guard Self.isHTTPURL(publicURL, secureUnlessLoopback: !devMode) else {
            throw ConfigError(.invalid, setting: "COHORTA_PUBLIC_URL", reason: "must be an https:// URL")
        }
    }

    private static func isHTTPURL(_ text: String, secureUnlessLoopback: Bool) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return false }
        switch scheme {
        case "https": return true
        case "http":
            return !secureUnlessLoopback || ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        default: return false
        }
    }
}
