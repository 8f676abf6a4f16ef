/// A verified webhook event from the payment provider, reduced to what fulfilment needs.
/// Built from Stripe's event JSON by `PaymentEvent(json:)`; unknown types keep only their id and type.
public struct PaymentEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case checkoutCompleted(CheckoutSessionEvent)
        case checkoutAsyncPaymentSucceeded(CheckoutSessionEvent)
        case checkoutAsyncPaymentFailed(CheckoutSessionEvent)
        case checkoutExpired(CheckoutSessionEvent)
        case chargeRefunded(ChargeRefund)
        case disputeCreated(DisputeOpened)
        /// A type Cohorta does not act on: answered 200 and logged.
        case unhandled
    }

    /// `evt_…`: the key of `stripe_events`.
    public let id: String
    public let type: String
    public let kind: Kind

    public init(id: String, type: String, kind: Kind) {
        self.id = id
        self.type = type
        self.kind = kind
    }
}

/// The parts of a `checkout.session` object fulfilment reads.
public struct CheckoutSessionEvent: Sendable, Equatable {
    public enum PaymentStatus: String, Sendable {
        case paid
        case unpaid
        case noPaymentRequired = "no_payment_required"
    }

    public let session: CheckoutSessionID
    /// `client_reference_id`, else `metadata.user_id`.
    public let userID: UserID?
    /// `metadata.pack`.
    public let packID: String?
    public let amountTotal: Int64?
    public let currency: String?
    public let paymentStatus: PaymentStatus?
    public let paymentIntent: PaymentReference?

    public init(
        session: CheckoutSessionID, userID: UserID?, packID: String?, amountTotal: Int64?, currency: String?,
        paymentStatus: PaymentStatus?, paymentIntent: PaymentReference?
    ) {
        self.session = session
        self.userID = userID
        self.packID = packID
        self.amountTotal = amountTotal
        self.currency = currency
        self.paymentStatus = paymentStatus
        self.paymentIntent = paymentIntent
    }
}

/// A `charge` object after `charge.refunded`: how much of `amount` went back so far (cumulative).
public struct ChargeRefund: Sendable, Equatable {
    public let charge: PaymentReference?
    public let paymentIntent: PaymentReference?
    public let amount: Int64
    public let amountRefunded: Int64
    /// `metadata.user_id` and `metadata.credits`, copied there at checkout through `payment_intent_data`.
    public let userID: UserID?
    public let credits: Credits?

    public init(
        charge: PaymentReference?, paymentIntent: PaymentReference?, amount: Int64, amountRefunded: Int64,
        userID: UserID?, credits: Credits?
    ) {
        self.charge = charge
        self.paymentIntent = paymentIntent
        self.amount = amount
        self.amountRefunded = amountRefunded
        self.userID = userID
        self.credits = credits
    }

    /// The payment the clawback keys are scoped to: the PaymentIntent, else the charge.
    public var payment: PaymentReference? { paymentIntent ?? charge }
}

/// A `dispute` object after `charge.dispute.created`.
public struct DisputeOpened: Sendable, Equatable {
    public let dispute: String
    public let charge: PaymentReference?
    public let paymentIntent: PaymentReference?
    /// `metadata.user_id` when the dispute carries it (Stripe copies nothing there by itself).
    public let userID: UserID?

    public init(dispute: String, charge: PaymentReference?, paymentIntent: PaymentReference?, userID: UserID?) {
        self.dispute = dispute
        self.charge = charge
        self.paymentIntent = paymentIntent
        self.userID = userID
    }
}
