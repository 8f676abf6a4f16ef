import Domain
import HTTPCore
import Logging

/// /api/billing: credit packs, Stripe Checkout, and Stripe's webhook.
struct BillingRoutes {
    static let webhookPath = "/api/billing/webhook"
    /// Stripe events are a few KiB; nginx allows the same 64 KiB on this route.
    static let webhookBodyLimit = 64 * 1024

    private struct PackRepresentation: Encodable {
        let id: String
        let name: String
        let priceCents: Int64
        let priceUSD: String
        let credits: Int64

        init(_ pack: CreditPack) {
            id = pack.id
            name = pack.name
            priceCents = pack.priceCents
            priceUSD = "\(pack.priceCents / 100).\(pack.priceCents % 100 < 10 ? "0" : "")\(pack.priceCents % 100)"
            credits = pack.credits.value
        }

        enum CodingKeys: String, CodingKey {
            case id, name, credits
            case priceCents = "price_cents"
            case priceUSD = "price_usd"
        }
    }

    private struct Packs: Encodable {
        let packs: [PackRepresentation]
        let balance: Int64
    }

    private struct CheckoutBody: Decodable {
        enum Keys: String, CodingKey, CaseIterable { case pack }
        let pack: String

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(Keys.self)
            pack = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .pack)
        }
    }

    private struct Created: Encodable {
        let checkoutID: String
        let url: String

        enum CodingKeys: String, CodingKey {
            case url
            case checkoutID = "checkout_id"
        }
    }

    private struct CheckoutRepresentation: Encodable {
        let checkoutID: String
        let pack: String
        let credits: Int64
        let status: String
        let granted: Bool

        init(_ record: CheckoutRecord) {
            checkoutID = record.id.rawValue
            pack = record.packID
            credits = record.credits.value
            status = record.status.rawValue
            granted = record.granted
        }

        enum CodingKeys: String, CodingKey {
            case pack, credits, status, granted
            case checkoutID = "checkout_id"
        }
    }

    private struct Received: Encodable { let received = true }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/billing/packs") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let listing = try billing().catalog(for: user.id)
            return .json(Packs(packs: listing.packs.map(PackRepresentation.init), balance: listing.balance.value))
        }
        router.on(.post, "/api/billing/checkout") { request, context, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(CheckoutBody.self)
            guard let checkout = try billing().checkout else { throw Self.notConfigured("checkout") }
            let (record, url) = try checkout(for: user.id, pack: body.pack)
            context.logger.info(
                "checkout created",
                metadata: [
                    "request.id": "\(request.requestID)", "billing.session": "\(record.id)",
                    "billing.pack": "\(record.packID)",
                ])
            return .json(Created(checkoutID: record.id.rawValue, url: url), status: .created)
        }
        router.on(.get, "/api/billing/checkout/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(CheckoutRepresentation(try billing().lookup(parameters["id"] ?? "", of: user.id)))
        }
        // No authentication: the Stripe-Signature HMAC over the exact raw body is the authentication.
        router.on(.post, Self.webhookPath) { request, context, _ in
            guard let webhook = try billing().webhook else { throw Self.notConfigured("webhook") }
            let outcome = try webhook(payload: request.body, signatureHeader: request.headers["Stripe-Signature"])
            BillingWebhookLog.record(outcome, request: request, logger: context.logger)
            return .json(Received())
        }
    }

    private func billing() throws -> BillingUseCases {
        guard let billing = app.billing else { throw Self.notConfigured("billing") }
        return billing
    }

    private static func notConfigured(_ part: String) -> DomainError {
        DomainError(
            .unavailable, "Payments are not available right now.", detail: "stripe \(part) is not configured")
    }
}
