/// `POST /api/billing/webhook`: verify the signature over the raw bytes, parse, record the arrival,
/// apply the event, mark it processed. At least once in, exactly once out: a fully processed event id
/// returns early, and anything else is (re)processed, which `PaymentFulfilment` makes harmless.
public struct PaymentWebhook: Sendable {
    private let verifier: any WebhookSignatureVerifier
    private let events: any PaymentEventStore
    private let fulfilment: PaymentFulfilment
    private let clock: any Clock

    public init(
        verifier: any WebhookSignatureVerifier, events: any PaymentEventStore, fulfilment: PaymentFulfilment,
        clock: any Clock
    ) {
        self.verifier = verifier
        self.events = events
        self.fulfilment = fulfilment
        self.clock = clock
    }

    /// Throws `.invalidSignature` or `.invalidInput` (400) for a bad request; a database failure
    /// propagates (503), so Stripe retries.
    public func callAsFunction(payload: [UInt8], signatureHeader: String?) throws -> WebhookOutcome {
        try verifier.verify(payload: payload, signatureHeader: signatureHeader, now: clock.now)
        let event = try PaymentEvent(json: payload)
        if try events.recordArrival(id: event.id, type: event.type, at: clock.now) == .processed {
            return .duplicate(event)
        }
        let effect = try fulfilment.apply(event)
        try events.markProcessed(id: event.id, at: clock.now)
        return .processed(event, effect)
    }
}
