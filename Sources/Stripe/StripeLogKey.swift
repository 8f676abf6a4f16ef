/// Metadata keys of this module's log lines. Never the secret key or a signature.
enum StripeLogKey {
    static let attempt = "stripe.attempt"
    static let status = "stripe.status"
    static let failure = "stripe.failure"
    static let session = "stripe.session"
    static let milliseconds = "ms"
}
