import CohortaTestSupport
import Domain
import Foundation
import Testing

/// The billing use cases over in-memory fakes, with helpers that write Stripe-shaped events.
struct BillingFixture {
    let accounts = AccountsFixture()
    let billing = InMemoryBilling()
    let gateway = FakePaymentGateway()

    var fulfilment: PaymentFulfilment {
        PaymentFulfilment(
            checkouts: billing, ledger: accounts.accounts, flags: billing, settings: accounts.settings,
            clock: accounts.clock)
    }
    var webhook: PaymentWebhook {
        PaymentWebhook(
            verifier: FixedHeaderVerifier(), events: billing, fulfilment: fulfilment, clock: accounts.clock)
    }
    var checkout: CheckoutCreation {
        CheckoutCreation(
            settings: accounts.settings, gateway: gateway, checkouts: billing,
            urls: .init(publicURL: "https://cohorta.example/"), clock: accounts.clock)
    }

    /// A user (trial credits: 50) with an open Starter session `cs_test_1`.
    func userWithCheckout(_ email: String = "buyer@example.com", pack: String = "starter") throws
        -> (UserID, CheckoutSessionID)
    {
        let user = try accounts.signedInUser(email).user.id
        let (record, _) = try checkout(for: user, pack: pack)
        return (user, record.id)
    }

    func balance(_ user: UserID) throws -> Int64 {
        try #require(try accounts.accounts.user(id: user)).creditsBalance.value
    }

    func ledgerIsConsistent(_ user: UserID) throws -> Bool {
        try accounts.accounts.ledgerSum(of: user).value == balance(user)
    }

    @discardableResult
    func deliver(_ event: String, header: String = FixedHeaderVerifier.validHeader) throws -> WebhookOutcome {
        try webhook(payload: Array(event.utf8), signatureHeader: header)
    }

    static func session(
        _ type: String, _ session: CheckoutSessionID, user: UserID,
        eventID: String = "evt_\(UUID().uuidString.prefix(8))",
        paymentStatus: String = "paid", amount: Int = 4900, currency: String = "usd", pack: String = "starter",
        credits: String = "50"
    ) -> String {
        #"{"id":"\#(eventID)","object":"event","type":"\#(type)","data":{"object":{"id":"\#(session)","#
            + #""object":"checkout.session","client_reference_id":"\#(user)","amount_total":\#(amount),"#
            + #""currency":"\#(currency)","payment_status":"\#(paymentStatus)","payment_intent":"pi_\#(session)","#
            + #""metadata":{"user_id":"\#(user)","pack":"\#(pack)","credits":"\#(credits)"}}}}"#
    }

    static func refund(
        _ session: CheckoutSessionID, user: UserID, refunded: Int, amount: Int = 4900,
        eventID: String = "evt_\(UUID().uuidString.prefix(8))", credits: String = "50"
    ) -> String {
        #"{"id":"\#(eventID)","type":"charge.refunded","data":{"object":{"id":"ch_\#(session)","object":"charge","#
            + #""payment_intent":"pi_\#(session)","amount":\#(amount),"amount_refunded":\#(refunded),"#
            + #""metadata":{"user_id":"\#(user)","pack":"starter","credits":"\#(credits)"}}}}"#
    }

    static func dispute(_ session: CheckoutSessionID, eventID: String = "evt_\(UUID().uuidString.prefix(8))") -> String
    {
        #"{"id":"\#(eventID)","type":"charge.dispute.created","data":{"object":{"id":"dp_\#(session)","#
            + #""object":"dispute","charge":"ch_\#(session)","payment_intent":"pi_\#(session)","amount":4900}}}"#
    }
}
