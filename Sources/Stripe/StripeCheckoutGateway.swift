public import Domain
import Foundation
public import HTTPClient
public import Logging

/// `PaymentGateway` over Stripe's REST API (or the local fake, same wire format):
/// `POST {base}/v1/checkout/sessions`, form-encoded like stripe-python, `Authorization: Bearer sk_…`,
/// an `Idempotency-Key` reused on every retry, and stripe-python's retry rules (`StripeRetryPolicy`).
///
/// Thread rule (as in `OpenAICompatibleTransport`): each OS thread gets its own `CurlHTTPClient`, kept in
/// its `threadDictionary`. The gateway itself is immutable and shared.
public final class StripeCheckoutGateway: PaymentGateway {
    public struct Configuration: Sendable {
        /// `https://api.stripe.com`, or the fake's `http://127.0.0.1:<port>`; `/v1/…` is appended.
        public var apiBase: String
        public var secretKey: String
        /// Bounds one attempt.
        public var timeout: Duration
        public var retry: StripeRetryPolicy
        /// Pinned so Stripe's JSON shapes do not change under us.
        public var apiVersion: String

        public init(
            apiBase: String, secretKey: String, timeout: Duration = .seconds(20),
            retry: StripeRetryPolicy = StripeRetryPolicy(), apiVersion: String = "2024-06-20"
        ) {
            self.apiBase = apiBase
            self.secretKey = secretKey
            self.timeout = timeout
            self.retry = retry
            self.apiVersion = apiVersion
        }
    }

    /// One HTTP exchange; a network failure throws. Tests replace it; production uses a per-thread curl client.
    public typealias Transport = @Sendable (HTTPClientRequest) throws -> HTTPClientResponse
    public typealias Pause = @Sendable (Duration) -> Void

    public let configuration: Configuration
    private let logger: Logger
    private let transport: Transport?
    private let pause: Pause
    private let clientKey = "cohorta.stripe.curl.\(UUID().uuidString)"

    /// Requires `CurlRuntime.initialize()` to have run (in `main`) unless `transport` is given.
    public init(
        configuration: Configuration, logger: Logger, transport: Transport? = nil,
        pause: Pause? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.transport = transport
        self.pause = pause ?? Self.sleep
    }

    /// Blocks the calling OS thread (a FastCGI accept thread; never a Swift `Task`).
    private static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }

    public func createCheckoutSession(_ request: CheckoutSessionRequest) throws -> CreatedCheckoutSession {
        let http = httpRequest(for: request)
        var retries = 0
        while true {
            let started = ContinuousClock.now
            var status: Int?
            var shouldRetryHeader: String?
            var failure: String
            do {
                let response = try send(http)
                status = response.status
                shouldRetryHeader = response.headers["Stripe-Should-Retry"]
                if (200..<300).contains(response.status) { return try Self.session(from: response) }
                failure = "HTTP \(response.status)"
            } catch let error as CurlError {
                failure = "network: \(error.code)"
            }
            logger.warning(
                "stripe attempt failed",
                metadata: [
                    StripeLogKey.attempt: "\(retries + 1)", StripeLogKey.status: "\(status.map(String.init) ?? "-")",
                    StripeLogKey.failure: "\(failure)",
                    StripeLogKey.milliseconds: "\(Self.milliseconds(since: started))",
                ])
            guard
                configuration.retry.shouldRetry(
                    status: status, shouldRetryHeader: shouldRetryHeader, retriesSoFar: retries)
            else { throw DomainError.unavailable(detail: "stripe checkout create failed: \(failure)") }
            pause(configuration.retry.delay(retriesSoFar: retries, jitter: Double.random(in: 0...1)))
            retries += 1
        }
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - start).components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// The exact request sent (and re-sent on retries).
    public func httpRequest(for request: CheckoutSessionRequest) -> HTTPClientRequest {
        var base = configuration.apiBase
        while base.hasSuffix("/") { base.removeLast() }
        let headers: HTTPClientHeaders = [
            "Authorization": "Bearer \(configuration.secretKey)",
            "Content-Type": "application/x-www-form-urlencoded",
            "Idempotency-Key": request.idempotencyKey,
            "Stripe-Version": configuration.apiVersion,
        ]
        return HTTPClientRequest(
            method: .post, url: base + "/v1/checkout/sessions", headers: headers,
            body: Array(FormEncoding.encode(CheckoutSessionForm.pairs(for: request)).utf8),
            timeout: configuration.timeout)
    }

    /// `{id: "cs_…", url: "https://…"}` from a 2xx body.
    static func session(from response: HTTPClientResponse) throws -> CreatedCheckoutSession {
        guard let json = try? JSONValue.parse(response.body), let raw = json["id"]?.stringValue,
            let id = CheckoutSessionID(raw), let url = json["url"]?.stringValue,
            url.hasPrefix("https://") || url.hasPrefix("http://")
        else { throw DomainError.unavailable(detail: "stripe answered 2xx without a session id and url") }
        return CreatedCheckoutSession(id: id, url: url)
    }

    private func send(_ request: HTTPClientRequest) throws -> HTTPClientResponse {
        if let transport { return try transport(request) }
        return try client().send(request)
    }

    private func client() throws -> CurlHTTPClient {
        let slots = Thread.current.threadDictionary
        if let client = slots[clientKey] as? CurlHTTPClient { return client }
        let client = try CurlHTTPClient(
            configuration: CurlHTTPClient.Configuration(maxResponseBytes: 1 << 20, userAgent: "cohorta-stripe"))
        slots[clientKey] = client
        return client
    }
}
