import Domain
import Foundation
import HTTPClient
import Logging
import Stripe
import Synchronization
import Testing

@Suite struct StripeCheckoutGatewayTests {
    static let request = CheckoutSessionRequest(
        userID: UserID("665f1c2e9b1e8a0012345678"), pack: CreditPack.defaults[0],
        successURL: "https://cohorta.example/billing?session_id={CHECKOUT_SESSION_ID}",
        cancelURL: "https://cohorta.example/billing?canceled=1", idempotencyKey: "cohorta-checkout-k1")

    /// Replays scripted answers and records every request it was sent.
    final class ScriptedStripe: Sendable {
        enum Answer: Sendable {
            case status(Int, headers: [(String, String)] = [])
            case networkFailure
        }

        private let state: Mutex<(answers: [Answer], requests: [HTTPClientRequest], pauses: [Duration])>

        init(_ answers: [Answer]) { state = Mutex((answers, [], [])) }

        var requests: [HTTPClientRequest] { state.withLock { $0.requests } }
        var pauses: [Duration] { state.withLock { $0.pauses } }

        func gateway(retries: Int = 2) -> StripeCheckoutGateway {
            StripeCheckoutGateway(
                configuration: .init(
                    apiBase: "http://127.0.0.1:12111/", secretKey: "sk_test_123",
                    retry: StripeRetryPolicy(maximumRetries: retries)),
                logger: Logger(label: "test"), transport: { request in try self.answer(request) },
                pause: { duration in self.state.withLock { $0.pauses.append(duration) } })
        }

        private func answer(_ request: HTTPClientRequest) throws -> HTTPClientResponse {
            let next = state.withLock { state in
                state.requests.append(request)
                return state.answers.isEmpty ? Answer.status(500) : state.answers.removeFirst()
            }
            switch next {
            case .networkFailure: throw CurlError(.connectionFailed, "refused", detail: "test")
            case .status(let status, let extra):
                var headers: HTTPClientHeaders = [:]
                for (name, value) in extra { headers.add(name, value) }
                let body =
                    status == 200 ? #"{"id":"cs_test_abc","url":"http://127.0.0.1:12111/pay/cs_test_abc"}"# : "{}"
                return HTTPClientResponse(status: status, headers: headers, body: Array(body.utf8))
            }
        }
    }

    @Test func postsTheFormWithBearerKeyAndIdempotencyKey() throws {
        let stripe = ScriptedStripe([.status(200)])
        let created = try stripe.gateway().createCheckoutSession(Self.request)
        #expect(
            created
                == CreatedCheckoutSession(
                    id: try #require(CheckoutSessionID("cs_test_abc")), url: "http://127.0.0.1:12111/pay/cs_test_abc"))
        let sent = try #require(stripe.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url == "http://127.0.0.1:12111/v1/checkout/sessions")
        #expect(sent.headers["Authorization"] == "Bearer sk_test_123")
        #expect(sent.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(sent.headers["Idempotency-Key"] == "cohorta-checkout-k1")
        let user = "665f1c2e9b1e8a0012345678"
        let expected =
            "mode=payment&line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D=usd"
            + "&line_items%5B0%5D%5Bprice_data%5D%5Bunit_amount%5D=4900"
            + "&line_items%5B0%5D%5Bprice_data%5D%5Bproduct_data%5D%5Bname%5D=Cohorta+Starter+pack+%2850+credits%29"
            + "&line_items%5B0%5D%5Bquantity%5D=1"
            + "&success_url=https%3A%2F%2Fcohorta.example%2Fbilling%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=https%3A%2F%2Fcohorta.example%2Fbilling%3Fcanceled%3D1"
            + "&client_reference_id=\(user)&metadata%5Buser_id%5D=\(user)&metadata%5Bpack%5D=starter"
            + "&metadata%5Bcredits%5D=50&payment_intent_data%5Bmetadata%5D%5Buser_id%5D=\(user)"
            + "&payment_intent_data%5Bmetadata%5D%5Bpack%5D=starter&payment_intent_data%5Bmetadata%5D%5Bcredits%5D=50"
        #expect(String(decoding: sent.body ?? [], as: UTF8.self) == expected)
    }

    @Test func retries409And5xxAndNetworkErrorsWithTheSameKey() throws {
        let stripe = ScriptedStripe([.status(409), .status(503), .status(200)])
        _ = try stripe.gateway().createCheckoutSession(Self.request)
        #expect(stripe.requests.count == 3)
        #expect(Set(stripe.requests.map { $0.headers["Idempotency-Key"] }) == ["cohorta-checkout-k1"])
        #expect(Set(stripe.requests.map(\.body)).count == 1)
        #expect(stripe.pauses.count == 2)
        #expect(stripe.pauses.allSatisfy { $0 >= .milliseconds(500) && $0 <= .seconds(5) })
        let network = ScriptedStripe([.networkFailure, .status(200)])
        _ = try network.gateway().createCheckoutSession(Self.request)
        #expect(network.requests.count == 2)
    }

    @Test func givesUpAfterTheRetriesAsUnavailable() {
        let stripe = ScriptedStripe([.status(500), .status(502), .status(503), .status(200)])
        #expect(throws: DomainError.self) { try stripe.gateway(retries: 2).createCheckoutSession(Self.request) }
        #expect(stripe.requests.count == 3)
    }

    @Test func doesNotRetryAClientErrorUnlessStripeSaysSo() throws {
        let refused = ScriptedStripe([.status(400), .status(200)])
        #expect(throws: DomainError.self) { try refused.gateway().createCheckoutSession(Self.request) }
        #expect(refused.requests.count == 1)
        let told = ScriptedStripe([.status(400, headers: [("Stripe-Should-Retry", "true")]), .status(200)])
        _ = try told.gateway().createCheckoutSession(Self.request)
        #expect(told.requests.count == 2)
        let forbidden = ScriptedStripe([.status(503, headers: [("Stripe-Should-Retry", "false")]), .status(200)])
        #expect(throws: DomainError.self) { try forbidden.gateway().createCheckoutSession(Self.request) }
        #expect(forbidden.requests.count == 1)
    }

    @Test func backOffFollowsStripePython() {
        let policy = StripeRetryPolicy()
        #expect(policy.delay(retriesSoFar: 0, jitter: 1) == .milliseconds(500))
        #expect(policy.delay(retriesSoFar: 0, jitter: 0) == .milliseconds(500))
        #expect(policy.delay(retriesSoFar: 1, jitter: 1) == .seconds(1))
        #expect(policy.delay(retriesSoFar: 6, jitter: 1) == .seconds(5))
        #expect(policy.delay(retriesSoFar: 6, jitter: 0) == .milliseconds(2500))
    }
}

@Suite struct StripeCheckoutGatewayCurlTests {
    /// Through real libcurl: a refused connection is a network error, retried with the same key, then 503.
    @Test func anUnreachableStripeIsRetriedThenUnavailable() throws {
        try CurlRuntime.initialize()
        let pauses = Mutex(0)
        let gateway = StripeCheckoutGateway(
            configuration: .init(
                apiBase: "http://127.0.0.1:1", secretKey: "sk_test_123", timeout: .seconds(5),
                retry: StripeRetryPolicy(maximumRetries: 1)),
            logger: Logger(label: "test"), pause: { _ in pauses.withLock { $0 += 1 } })
        #expect(throws: DomainError.self) {
            try gateway.createCheckoutSession(StripeCheckoutGatewayTests.request)
        }
        #expect(pauses.withLock { $0 } == 1)
    }
}
