/// Reading Stripe's event JSON (`{id, type, data: {object: {…}}}`). Anything malformed is `invalidInput`
/// (a 400: Stripe shows it on the dashboard and nothing is applied); unknown types parse to `.unhandled`.
extension PaymentEvent {
    public init(json payload: [UInt8]) throws {
        let root: JSONValue
        do {
            root = try JSONValue.parse(payload)
        } catch {
            throw Self.malformed("the body is not JSON")
        }
        guard let id = root["id"]?.stringValue, Self.isStripeID(id), let type = root["type"]?.stringValue,
            !type.isEmpty, type.utf8.count <= 100, let object = root["data"]?["object"], object.objectMembers != nil
        else { throw Self.malformed("an event needs id, type and data.object") }
        self.init(id: id, type: type, kind: try Self.kind(type, object))
    }

    private static func kind(_ type: String, _ object: JSONValue) throws -> Kind {
        switch type {
        case "checkout.session.completed": .checkoutCompleted(try CheckoutSessionEvent(object))
        case "checkout.session.async_payment_succeeded":
            .checkoutAsyncPaymentSucceeded(try CheckoutSessionEvent(object))
        case "checkout.session.async_payment_failed": .checkoutAsyncPaymentFailed(try CheckoutSessionEvent(object))
        case "checkout.session.expired": .checkoutExpired(try CheckoutSessionEvent(object))
        case "charge.refunded": .chargeRefunded(try ChargeRefund(object))
        case "charge.dispute.created": .disputeCreated(try DisputeOpened(object))
        default: .unhandled
        }
    }

    static func isStripeID(_ value: String) -> Bool {
        (3...255).contains(value.utf8.count) && value.utf8.allSatisfy(CheckoutSessionID.isIDByte)
    }

    static func malformed(_ detail: String) -> DomainError {
        DomainError(.invalidInput, "The event is malformed.", detail: detail)
    }
}

extension CheckoutSessionEvent {
    init(_ object: JSONValue) throws {
        guard let raw = object["id"]?.stringValue, let session = CheckoutSessionID(raw) else {
            throw PaymentEvent.malformed("checkout.session without a valid id")
        }
        let metadata = object["metadata"]
        self.init(
            session: session,
            userID: (object["client_reference_id"]?.stringValue ?? metadata?["user_id"]?.stringValue).map(UserID.init),
            packID: metadata?["pack"]?.stringValue, amountTotal: object["amount_total"]?.intValue.map(Int64.init),
            currency: object["currency"]?.stringValue,
            paymentStatus: object["payment_status"]?.stringValue.flatMap(PaymentStatus.init(rawValue:)),
            paymentIntent: object["payment_intent"]?.reference)
    }
}

extension ChargeRefund {
    init(_ object: JSONValue) throws {
        guard let amount = object["amount"]?.intValue, let refunded = object["amount_refunded"]?.intValue,
            amount >= 0, refunded >= 0
        else { throw PaymentEvent.malformed("charge without amount and amount_refunded") }
        let metadata = object["metadata"]
        self.init(
            charge: object["id"]?.reference, paymentIntent: object["payment_intent"]?.reference,
            amount: Int64(amount), amountRefunded: Int64(refunded),
            userID: metadata?["user_id"]?.stringValue.map(UserID.init),
            credits: metadata?["credits"]?.stringValue.flatMap { Int64($0) }.map(Credits.init))
    }
}

extension DisputeOpened {
    init(_ object: JSONValue) throws {
        guard let id = object["id"]?.stringValue, PaymentEvent.isStripeID(id) else {
            throw PaymentEvent.malformed("dispute without a valid id")
        }
        self.init(
            dispute: id, charge: object["charge"]?.reference, paymentIntent: object["payment_intent"]?.reference,
            userID: object["metadata"]?["user_id"]?.stringValue.map(UserID.init))
    }
}

extension JSONValue {
    /// A Stripe id given as a string, or as an expanded object with an `id`.
    fileprivate var reference: PaymentReference? {
        (stringValue ?? self["id"]?.stringValue).flatMap(PaymentReference.init)
    }
}
