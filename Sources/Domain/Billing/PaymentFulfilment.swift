/// Applies one verified payment event. Idempotent by itself, safe under concurrent duplicates, and
/// order-independent: the ledger's unique keys are the only exactly-once guard, and every status write
/// is conditional.
///
/// - A paid session grants `stripe:checkout:<cs id>` once, however many events say so.
/// - A refund takes back `floor(credits × refunded / amount)` in total, as a chain of ledger entries
///   `stripe:refund:<payment>:<step>`; workers racing on the same step race on the same key, so the total
///   never overshoots (see docs/design.md, "Refund clawbacks").
public struct PaymentFulfilment: Sendable {
    private let checkouts: any CheckoutStore
    private let ledger: any LedgerStore
    private let flags: any AccountFlagStore
    private let settings: any SettingsStore
    private let clock: any Clock

    public init(
        checkouts: any CheckoutStore, ledger: any LedgerStore, flags: any AccountFlagStore,
        settings: any SettingsStore, clock: any Clock
    ) {
        self.checkouts = checkouts
        self.ledger = ledger
        self.flags = flags
        self.settings = settings
        self.clock = clock
    }

    public func apply(_ event: PaymentEvent) throws -> PaymentEffect {
        do {
            return try dispatch(event)
        } catch let error as DomainError where error.code == .notFound {
            return .needsReview(reason: "the event's user does not exist")
        }
    }

    private func dispatch(_ event: PaymentEvent) throws -> PaymentEffect {
        switch event.kind {
        case .checkoutCompleted(let session):
            switch session.paymentStatus {
            case .paid, .noPaymentRequired: return try grant(session)
            case .unpaid, nil: return try move(session, to: .unpaid, from: [.open])
            }
        case .checkoutAsyncPaymentSucceeded(let session): return try grant(session)
        case .checkoutAsyncPaymentFailed(let session): return try move(session, to: .failed, from: [.open, .unpaid])
        case .checkoutExpired(let session): return try move(session, to: .expired, from: [.open, .unpaid])
        case .chargeRefunded(let refund): return try clawBack(refund)
        case .disputeCreated(let dispute): return try flag(dispute)
        case .unhandled: return .ignored(type: event.type)
        }
    }

    // MARK: grants

    private func grant(_ event: CheckoutSessionEvent) throws -> PaymentEffect {
        let record: CheckoutRecord
        switch try checkoutRecord(for: event) {
        case .success(let found): record = found
        case .failure(let review): return review.effect
        }
        if let amount = event.amountTotal, amount != record.amountCents {
            return .needsReview(reason: "amount_total \(amount) differs from the pack's \(record.amountCents) cents")
        }
        if let currency = event.currency, currency.lowercased() != Self.currency {
            return .needsReview(reason: "currency \(currency) is not \(Self.currency)")
        }
        if let user = event.userID, user != record.userID {
            return .needsReview(reason: "client_reference_id differs from the session's user")
        }
        let change = LedgerChange(
            userID: record.userID, amount: record.credits, kind: .purchase,
            reason: "Credit pack \(record.packID) (Stripe Checkout)", idempotencyKey: .checkoutGrant(record.id),
            at: clock.now)
        let outcome = try ledger.apply(change)
        // After the grant: a crash here leaves granted=false, and the next delivery finds the entry.
        try checkouts.markGranted(record.id, paymentIntent: event.paymentIntent, at: clock.now)
        switch outcome {
        case .applied: return .granted(record.id, record.userID, record.credits)
        case .alreadyApplied: return .alreadyGranted(record.id)
        }
    }

    private struct Review: Error {
        let effect: PaymentEffect
    }

    /// The stored session, or one rebuilt from the event's metadata and the server's pack table (a session
    /// created before its record was written, or by a worker that died in between).
    private func checkoutRecord(for event: CheckoutSessionEvent) throws -> Result<CheckoutRecord, Review> {
        if let stored = try checkouts.checkout(id: event.session) { return .success(stored) }
        guard let user = event.userID else {
            return .failure(Review(effect: .needsReview(reason: "unknown session without client_reference_id")))
        }
        guard let pack = try settings.appSettings().creditPacks.first(where: { $0.id == event.packID }) else {
            return .failure(Review(effect: .needsReview(reason: "unknown session with an unknown pack")))
        }
        let now = clock.now
        return .success(
            try checkouts.insertIfAbsent(
                CheckoutRecord(
                    id: event.session, userID: user, packID: pack.id, credits: pack.credits,
                    amountCents: pack.priceCents, status: .open, granted: false,
                    paymentIntent: event.paymentIntent?.rawValue, createdAt: now, updatedAt: now)))
    }

    private func move(_ event: CheckoutSessionEvent, to status: CheckoutStatus, from: Set<CheckoutStatus>) throws
        -> PaymentEffect
    {
        if try checkouts.checkout(id: event.session) == nil, case .failure(let review) = try checkoutRecord(for: event)
        {
            return review.effect
        }
        let changed = try checkouts.transition(
            event.session, to: status, from: from, paymentIntent: event.paymentIntent, at: clock.now)
        return changed ? .statusChanged(event.session, status) : .unchanged(event.session)
    }

    // MARK: refunds and disputes

    private func clawBack(_ refund: ChargeRefund) throws -> PaymentEffect {
        let record = try refund.paymentIntent.flatMap { try checkouts.checkout(paymentIntent: $0) }
        guard let payment = refund.payment, let user = record?.userID ?? refund.userID,
            let credits = record?.credits ?? refund.credits, credits.isPositive
        else { return .needsReview(reason: "a refund of a payment without a known user and credits") }
        let target = RefundClawback.cumulativeCredits(
            of: credits, amount: refund.amount, refunded: refund.amountRefunded)
        var taken = Credits.zero
        for step in 0..<Self.maximumClawbackSteps {
            guard taken < target else { return .alreadyClawedBack(user, total: taken) }
            let change = LedgerChange(
                userID: user, amount: -Credits(target.value - taken.value), kind: .refund,
                reason: "Refund of \(payment) (\(refund.amountRefunded) of \(refund.amount) cents)",
                idempotencyKey: .refundClawback(payment: payment, step: step), at: clock.now)
            switch try ledger.apply(change) {
            case .applied(let entry): return .clawedBack(user, entry.amount.magnitude, total: target)
            case .alreadyApplied(let entry): taken = taken + entry.amount.magnitude
            }
        }
        return .needsReview(reason: "more than \(Self.maximumClawbackSteps) clawback steps for \(payment)")
    }

    private func flag(_ dispute: DisputeOpened) throws -> PaymentEffect {
        let record = try (dispute.paymentIntent ?? dispute.charge).flatMap { try checkouts.checkout(paymentIntent: $0) }
        guard let user = record?.userID ?? dispute.userID else {
            // Stripe's dispute carries no metadata: the session's events name the payment. Until one of them
            // arrived, answer 503 so Stripe delivers the dispute again later (it retries for days).
            throw DomainError(
                .unavailable, "This dispute cannot be attributed yet; deliver it again later.",
                detail: "dispute \(dispute.dispute) of a payment no session names yet")
        }
        try flags.flagDisputed(user, dispute: dispute.dispute, at: clock.now)
        return .flaggedDisputed(user, dispute: dispute.dispute)
    }

    static let currency = "usd"
    /// One step per distinct refund level; Stripe allows far fewer partial refunds than this.
    static let maximumClawbackSteps = 100
}
