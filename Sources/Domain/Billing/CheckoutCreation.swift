public import Foundation

/// `POST /api/billing/checkout {pack}`: creates a Stripe Checkout Session for one pack of the server's
/// table (the client names only the pack) and records it as `open`.
public struct CheckoutCreation: Sendable {
    /// Where Checkout sends the buyer back: `<public URL>/billing?session_id={CHECKOUT_SESSION_ID}`
    /// and `<public URL>/billing?canceled=1`.
    public struct ReturnURLs: Sendable, Equatable {
        public let success: String
        public let cancel: String

        public init(publicURL: String) {
            var base = publicURL
            while base.hasSuffix("/") { base.removeLast() }
            success = base + "/billing?session_id={CHECKOUT_SESSION_ID}"
            cancel = base + "/billing?canceled=1"
        }
    }

    private let settings: any SettingsStore
    private let gateway: any PaymentGateway
    private let checkouts: any CheckoutStore
    private let urls: ReturnURLs
    private let clock: any Clock

    public init(
        settings: any SettingsStore, gateway: any PaymentGateway, checkouts: any CheckoutStore, urls: ReturnURLs,
        clock: any Clock
    ) {
        self.settings = settings
        self.gateway = gateway
        self.checkouts = checkouts
        self.urls = urls
        self.clock = clock
    }

    /// Throws `.invalidInput` (field `pack`) for a pack not on sale, `.unavailable` when Stripe fails.
    public func callAsFunction(for user: UserID, pack packID: String, attempt: UUID = UUID()) throws
        -> (CheckoutRecord, url: String)
    {
        guard let pack = try settings.appSettings().packsOnSale.first(where: { $0.id == packID }) else {
            throw DomainError.invalid("pack", "Choose one of the packs on sale.")
        }
        let created = try gateway.createCheckoutSession(
            CheckoutSessionRequest(
                userID: user, pack: pack, successURL: urls.success, cancelURL: urls.cancel,
                idempotencyKey: "cohorta-checkout-\(user.rawValue)-\(attempt.uuidString.lowercased())"))
        let now = clock.now
        let record = try checkouts.insertIfAbsent(
            CheckoutRecord(
                id: created.id, userID: user, packID: pack.id, credits: pack.credits, amountCents: pack.priceCents,
                status: .open, granted: false, paymentIntent: nil, createdAt: now, updatedAt: now))
        return (record, created.url)
    }
}
