import Domain
import Foundation

/// libFuzzer entry: the first line of the input is a `Stripe-Signature` header, the rest the webhook body.
/// The fuzzed header must be refused with `invalid_signature` (or parse into sane parts); the same body
/// signed correctly must verify; a verified body goes to `PaymentEvent(json:)`, which answers an event or
/// `invalid_input`, never anything else.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStripe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let header = String(decoding: bytes[..<newline], as: UTF8.self)
    let payload = Array(bytes[min(newline + 1, bytes.count)...])
    checkHeader(header)
    expectRejected { try verifier.verify(payload: payload, signatureHeader: header, now: now) }
    checkGenuine(payload)
    return 0
}

private let secrets = ["whsec_fuzz_current", "whsec_fuzz_previous"]
private let verifier = StripeSignatureVerifier(secrets: secrets)
private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func checkHeader(_ header: String) {
    guard let parsed = try? StripeSignatureVerifier.parse(header) else { return }
    guard parsed.timestamp >= 0, (1...StripeSignatureVerifier.maximumSignatures).contains(parsed.signatures.count),
        parsed.signatures.allSatisfy({ $0.count == HMACSHA256.byteCount })
    else { fatalError("header parsed into impossible parts: \(parsed)") }
}

/// Signed like Stripe signs it (with the older secret, after a v0 entry): must verify unless the body is
/// empty or oversized; then the event JSON is read.
private func checkGenuine(_ payload: [UInt8]) {
    let timestamp = Int64(now.timeIntervalSince1970) - 10
    guard
        let mac = try? HMACSHA256.authenticationCode(
            key: Array(secrets[1].utf8), message: Array("\(timestamp).".utf8) + payload)
    else { fatalError("HMAC failed") }
    let hex = mac.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    let header = "t=\(timestamp),v0=ignored,v1=\(String(repeating: "0", count: 64)),v1=\(hex)"
    guard !payload.isEmpty, payload.count <= StripeSignatureVerifier.maximumPayloadBytes else {
        expectRejected { try verifier.verify(payload: payload, signatureHeader: header, now: now) }
        return
    }
    do {
        try verifier.verify(payload: payload, signatureHeader: header, now: now)
    } catch {
        fatalError("a genuine signature was refused: \(error)")
    }
    do {
        _ = try PaymentEvent(json: payload)
    } catch let error as DomainError where error.code == .invalidInput {
        return
    } catch {
        fatalError("PaymentEvent(json:) threw \(error)")
    }
}

private func expectRejected(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as DomainError where error.code == .invalidSignature {
        return
    } catch {
        fatalError("the verifier threw \(error)")
    }
}
