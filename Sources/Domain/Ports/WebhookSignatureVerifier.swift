public import Foundation

/// Checks that a webhook body was signed by the payment provider (implemented in Crypto).
public protocol WebhookSignatureVerifier: Sendable {
    /// Returns when `signatureHeader` carries a valid signature of exactly `payload` made within the
    /// tolerance around `now`; otherwise throws `DomainError` with code `.invalidSignature`.
    func verify(payload: [UInt8], signatureHeader: String?, now: Date) throws
}
