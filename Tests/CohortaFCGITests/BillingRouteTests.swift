import CohortaTestSupport
import Crypto
import Domain
import Foundation
import HTTPCore
import Testing

@testable import CohortaFCGI

@Suite struct BillingRouteTests {
    static let secret = "whsec_route_test_secret"

    struct Billing {
        let harness: RouteTestHarness
        let stores = InMemoryBilling()
        let gateway = FakePaymentGateway()

        init(configured: Bool = true) throws {
            let ports = BillingPorts(
                gateway: configured ? gateway : nil,
                verifier: configured ? StripeSignatureVerifier(secrets: [BillingRouteTests.secret]) : nil,
                checkouts: stores, events: stores, flags: stores,
                returnURLs: .init(publicURL: "https://cohorta.example"))
            harness = try RouteTestHarness(billing: ports)
        }

        /// A webhook delivery signed now (the harness's clock) with `secret`.
        func deliver(_ body: String, secret: String = BillingRouteTests.secret, header: String? = nil) throws
            -> (status: Int, body: [String: Any])
        {
            let t = Int64(harness.fixture.clock.now.timeIntervalSince1970)
            let mac = try HMACSHA256.authenticationCode(key: Array(secret.utf8), message: Array("\(t).\(body)".utf8))
            let signature = header ?? "t=\(t),v1=\(mac.map { String(format: "%02x", $0) }.joined())"
            let response = harness.sendBytes(
                .post, "/api/billing/webhook", body: Array(body.utf8), contentType: "application/json",
                headers: [("Stripe-Signature", signature)])
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
            return (Int(response.status.code), json)
        }

        func balance(_ token: String) -> Int {
            harness.send(.get, "/api/billing/packs", token: token).body["balance"] as? Int ?? -1
        }
    }

    static func completed(_ session: String, user: String, id: String = "evt_\(UUID().uuidString.prefix(8))") -> String
    {
        #"{"id":"\#(id)","type":"checkout.session.completed","data":{"object":{"id":"\#(session)","#
            + #""client_reference_id":"\#(user)","amount_total":4900,"currency":"usd","payment_status":"paid","#
            + #""payment_intent":"pi_1","metadata":{"user_id":"\#(user)","pack":"starter","credits":"50"}}}}"#
    }

    @Test func packsListThePricesAndTheBalance() throws {
        let billing = try Billing()
        let token = billing.harness.signUp("buyer@example.com")
        let response = billing.harness.send(.get, "/api/billing/packs", token: token)
        #expect(response.status == 200)
        let packs = try #require(response.body["packs"] as? [[String: Any]])
        #expect(packs.map { $0["id"] as? String } == ["starter", "pro", "scale"])
        #expect(packs.map { $0["price_usd"] as? String } == ["49.00", "199.00", "499.00"])
        #expect(packs.map { $0["price_cents"] as? Int } == [4900, 19_900, 49_900])
        #expect(packs.map { $0["credits"] as? Int } == [50, 220, 600])
        #expect(response.body["balance"] as? Int == 50)
        #expect(billing.harness.send(.get, "/api/billing/packs").status == 401)
    }

    @Test func checkoutCreatesASessionAndTheOwnerCanPollIt() throws {
        let billing = try Billing()
        let token = billing.harness.signUp("buyer@example.com")
        let created = billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"pro"}"#, token: token)
        #expect(created.status == 201)
        #expect(created.body["checkout_id"] as? String == "cs_test_1")
        #expect(created.body["url"] as? String == "https://checkout.example/pay/cs_test_1")
        let polled = billing.harness.send(.get, "/api/billing/checkout/cs_test_1", token: token)
        #expect(polled.status == 200)
        #expect(polled.body["pack"] as? String == "pro" && polled.body["credits"] as? Int == 220)
        #expect(polled.body["status"] as? String == "open" && polled.body["granted"] as? Bool == false)
        let other = billing.harness.signUp("other@example.com")
        #expect(billing.harness.send(.get, "/api/billing/checkout/cs_test_1", token: other).status == 404)
        #expect(billing.harness.send(.get, "/api/billing/checkout/nope", token: token).status == 404)
    }

    @Test func checkoutRefusesUnknownPacksExtraFieldsAndAnUnreachableStripe() throws {
        let billing = try Billing()
        let token = billing.harness.signUp("buyer@example.com")
        let unknown = billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"gold"}"#, token: token)
        #expect(unknown.status == 400 && errorField(unknown.body) == "pack")
        let priced = billing.harness.send(
            .post, "/api/billing/checkout", json: #"{"pack":"starter","amount":1}"#, token: token)
        #expect(priced.status == 400)
        billing.gateway.setFailing(true)
        let down = billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"starter"}"#, token: token)
        #expect(down.status == 503 && errorCode(down.body) == "unavailable")
        #expect(billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"starter"}"#).status == 401)
    }

    @Test func aSignedWebhookGrantsOnceThroughTheRoute() throws {
        let billing = try Billing()
        let token = billing.harness.signUp("buyer@example.com")
        _ = billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"starter"}"#, token: token)
        let session = try #require(CheckoutSessionID("cs_test_1"))
        let user = try #require(try billing.stores.checkout(id: session)).userID
        let event = Self.completed("cs_test_1", user: user.rawValue, id: "evt_route")
        #expect(try billing.deliver(event).status == 200)
        #expect(try billing.deliver(event).status == 200)
        #expect(try billing.deliver(Self.completed("cs_test_1", user: user.rawValue)).status == 200)
        #expect(billing.balance(token) == 100)
        let polled = billing.harness.send(.get, "/api/billing/checkout/cs_test_1", token: token)
        #expect(polled.body["status"] as? String == "paid" && polled.body["granted"] as? Bool == true)
    }

    @Test func badSignaturesAndMalformedBodiesAre400NeverGrants() throws {
        let billing = try Billing()
        let token = billing.harness.signUp("buyer@example.com")
        _ = billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"starter"}"#, token: token)
        let user = try #require(billing.stores.checkouts.first).userID.rawValue
        let event = Self.completed("cs_test_1", user: user)
        let forged = try billing.deliver(event, secret: "whsec_wrong")
        #expect(forged.status == 400 && errorCode(forged.body) == "invalid_signature")
        #expect(try billing.deliver(event, header: "").status == 400)
        let response = billing.harness.sendBytes(
            .post, "/api/billing/webhook", body: Array(event.utf8), contentType: "application/json")
        #expect(response.status.code == 400)
        let malformed = try billing.deliver("{not json")
        #expect(malformed.status == 400 && errorCode(malformed.body) == "invalid_input")
        #expect(try billing.deliver(#"{"id":"evt_1","type":"customer.created","data":{"object":{}}}"#).status == 200)
        #expect(billing.balance(token) == 50)
    }

    @Test func billingNotConfiguredAnswers503() throws {
        let billing = try Billing(configured: false)
        let token = billing.harness.signUp("buyer@example.com")
        #expect(
            billing.harness.send(.post, "/api/billing/checkout", json: #"{"pack":"starter"}"#, token: token).status
                == 503)
        #expect(try billing.deliver("{}").status == 503)
        #expect(try RouteTestHarness().send(.get, "/api/billing/packs", token: token).status != 200)
    }
}
