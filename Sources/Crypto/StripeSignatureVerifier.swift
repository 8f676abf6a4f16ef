public import Domain
public import Foundation

/// Verifies `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` exactly like Stripe's libraries, only
/// stricter (docs/research reliability-anchors §3.2):
/// - the MAC is HMAC-SHA256 keyed with the whole `whsec_…` string's UTF-8 bytes over `"<t>." + raw body`;
/// - any `v1` entry may match any configured secret (rotation), compared in constant time; other schemes
///   (`v0`) are ignored;
/// - `t` appears exactly once and is canonical decimal (`^[0-9]{1,12}$`, no leading zero); every `v1` is exactly 64
///   lowercase hex digits (uppercase is rejected, as stripe-python's string compare does);
/// - `|now − t| ≤ tolerance` (300 s) in both directions, checked after the signature;
/// - an empty body, a header over 8 KiB, more than 8 `v1` entries or a body over 512 KiB is rejected.
/// Every rejection is `DomainError(.invalidSignature)`; the reason goes to `detail` (logs) only.
public struct StripeSignatureVerifier: WebhookSignatureVerifier {
    public static let defaultTolerance: TimeInterval = 300
    public static let maximumHeaderBytes = 8192
    public static let maximumSignatures = 8
    public static let maximumPayloadBytes = 512 * 1024

    private let keys: [[UInt8]]
    private let tolerance: TimeInterval

    /// `secrets` are the configured `whsec_…` values, newest first; config refuses empty or blank ones.
    public init(secrets: [String], tolerance: TimeInterval = Self.defaultTolerance) {
        precondition(!secrets.isEmpty && tolerance > 0, "a webhook verifier needs a secret and a tolerance")
        keys = secrets.map { Array($0.utf8) }
        self.tolerance = tolerance
    }

    public func verify(payload: [UInt8], signatureHeader: String?, now: Date) throws {
        guard !payload.isEmpty, payload.count <= Self.maximumPayloadBytes else {
            throw Self.rejected("empty or oversized body")
        }
        let header = try Self.parse(signatureHeader)
        let signed = Array("\(header.timestamp).".utf8) + payload
        var matched = false
        for key in keys {
            let expected = try HMACSHA256.authenticationCode(key: key, message: signed)
            for candidate in header.signatures where ConstantTime.equals(expected, candidate) { matched = true }
        }
        guard matched else { throw Self.rejected("no v1 signature matches") }
        guard abs(now.timeIntervalSince1970 - Double(header.timestamp)) <= tolerance else {
            throw Self.rejected("timestamp outside the tolerance")
        }
    }

    struct Header: Equatable {
        let timestamp: Int64
        let signatures: [[UInt8]]
    }

    static func parse(_ raw: String?) throws -> Header {
        guard let raw, !raw.isEmpty else { throw rejected("no Stripe-Signature header") }
        guard raw.utf8.count <= maximumHeaderBytes else { throw rejected("header too long") }
        var timestamp: Int64?
        var signatures: [[UInt8]] = []
        for item in raw.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = item.firstIndex(of: "=") else { throw rejected("an entry without =") }
            let key = item[..<equals]
            let value = item[item.index(after: equals)...]
            switch key {
            case "t":
                guard timestamp == nil else { throw rejected("more than one t") }
                guard (1...12).contains(value.utf8.count), value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                    value == "0" || !value.hasPrefix("0"), let parsed = Int64(value)
                else { throw rejected("t is not canonical decimal") }
                timestamp = parsed
            case "v1":
                guard let mac = lowercaseHex(value) else { throw rejected("v1 is not 64 lowercase hex digits") }
                signatures.append(mac)
                guard signatures.count <= maximumSignatures else { throw rejected("too many v1 entries") }
            default:
                continue  // v0 and future schemes
            }
        }
        guard let timestamp else { throw rejected("no t") }
        guard !signatures.isEmpty else { throw rejected("no v1 signature") }
        return Header(timestamp: timestamp, signatures: signatures)
    }

    /// The 32 bytes of exactly 64 `[0-9a-f]`, else nil.
    private static func lowercaseHex(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 2 * HMACSHA256.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(HMACSHA256.byteCount)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }

    private static func rejected(_ reason: String) -> DomainError {
        DomainError(.invalidSignature, "The webhook signature is not valid.", detail: reason)
    }
}
