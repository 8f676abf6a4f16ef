import Crypto
import Daemon
import Domain
import Logging
import Mongo
import Stripe

/// The ports of billing: Stripe Checkout, the webhook's verifier, and the billing collections. A nil
/// gateway or verifier (billing not configured) makes that route answer 503.
struct BillingPorts: Sendable {
    let gateway: (any PaymentGateway)?
    let verifier: (any WebhookSignatureVerifier)?
    let checkouts: any CheckoutStore
    let events: any PaymentEventStore
    let flags: any AccountFlagStore
    let returnURLs: CheckoutCreation.ReturnURLs

    /// Mongo stores, the libcurl Stripe client and the HMAC verifier, as `config.stripe` allows.
    static func production(pool: MongoClientPool, config: CohortaConfig) -> BillingPorts {
        let stripe = config.stripe
        return BillingPorts(
            gateway: stripe.secretKey.map { key in
                StripeCheckoutGateway(
                    configuration: .init(apiBase: stripe.apiBase, secretKey: key),
                    logger: Logger(label: "cohorta.stripe"))
            },
            verifier: stripe.webhookEnabled ? StripeSignatureVerifier(secrets: stripe.webhookSecrets) : nil,
            checkouts: MongoCheckoutStore(pool: pool, database: config.mongoDatabase),
            events: MongoPaymentEventStore(pool: pool, database: config.mongoDatabase),
            flags: MongoAccountFlagStore(pool: pool, database: config.mongoDatabase),
            returnURLs: .init(publicURL: stripe.publicURL))
    }
}

/// The billing use cases of one worker, built from `BillingPorts`.
struct BillingUseCases: Sendable {
    let catalog: BillingCatalog
    let checkout: CheckoutCreation?
    let lookup: CheckoutLookup
    let webhook: PaymentWebhook?

    init(_ billing: BillingPorts, ports: AppPorts, settings: any SettingsStore) {
        catalog = BillingCatalog(users: ports.users, ledger: ports.ledger, settings: settings)
        checkout = billing.gateway.map { gateway in
            CheckoutCreation(
                settings: settings, gateway: gateway, checkouts: billing.checkouts, urls: billing.returnURLs,
                clock: ports.clock)
        }
        lookup = CheckoutLookup(checkouts: billing.checkouts)
        let fulfilment = PaymentFulfilment(
            checkouts: billing.checkouts, ledger: ports.ledger, flags: billing.flags, settings: settings,
            clock: ports.clock)
        webhook = billing.verifier.map { verifier in
            PaymentWebhook(verifier: verifier, events: billing.events, fulfilment: fulfilment, clock: ports.clock)
        }
    }
}
