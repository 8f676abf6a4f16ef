/// The billing collections (docs/design.md, "Billing").
extension MongoCollectionName {
    static let checkoutSessions = "checkout_sessions"
    static let stripeEvents = "stripe_events"
    static let accountFlags = "account_flags"
}
