public import Domain

/// The form of `POST /v1/checkout/sessions` for one pack, in the order stripe-python would send it
/// (reliability-anchors §3.3, with inline `price_data` instead of a dashboard price id, so the pack table
/// in `app_settings` is the only price list). The user id, pack and credits travel in the session's
/// metadata and, through `payment_intent_data`, in the PaymentIntent's and charges' metadata, where
/// refunds and disputes find them.
public enum CheckoutSessionForm {
    public static func pairs(for request: CheckoutSessionRequest) -> [(String, String)] {
        let user = request.userID.rawValue
        let pack = request.pack
        let credits = String(pack.credits.value)
        return [
            ("mode", "payment"),
            ("line_items[0][price_data][currency]", "usd"),
            ("line_items[0][price_data][unit_amount]", String(pack.priceCents)),
            ("line_items[0][price_data][product_data][name]", "Cohorta \(pack.name) pack (\(credits) credits)"),
            ("line_items[0][quantity]", "1"),
            ("success_url", request.successURL),
            ("cancel_url", request.cancelURL),
            ("client_reference_id", user),
            ("metadata[user_id]", user),
            ("metadata[pack]", pack.id),
            ("metadata[credits]", credits),
            ("payment_intent_data[metadata][user_id]", user),
            ("payment_intent_data[metadata][pack]", pack.id),
            ("payment_intent_data[metadata][credits]", credits),
        ]
    }
}
