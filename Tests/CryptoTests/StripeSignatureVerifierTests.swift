import Crypto
import Domain
import Foundation
import Testing

/// reliability-anchors §3.1 (the fixed vector) and every row of §3.2's "Cohorta verifier should" column.
@Suite struct StripeSignatureVerifierTests {
    static let secret = "whsec_cohorta_test_vector_secret_0001"
    static let oldSecret = "whsec_cohorta_test_vector_secret_0000"
    static let payload = Array(
        (#"{"id":"evt_test_0001","object":"event","type":"checkout.session.completed","data":{"object":"#
            + #"{"id":"cs_test_0001","object":"checkout.session","payment_status":"paid","#
            + #""client_reference_id":"user_42","metadata":{"pack":"starter","credits":"50"}}}}"#).utf8)
    static let v1 = "25e46df36a3aad97a72115fa94f42a6235c7daa18c8b2e03381146c986e930e5"
    static let oldV1 = "8212f3c64daef397256de6205e3238925e0a8aba0df30145e4a297d840ddd4c2"
    static let v0Decoy = "659589dd73328e6f5bdf3ed0acf7460fc9e5d93ba314ac3707f735596dd2b8e0"
    static let header = "t=1700000000,v1=\(v1)"
    /// 100 s after the vector's timestamp: inside the 300 s tolerance.
    static let now = Date(timeIntervalSince1970: 1_700_000_100)

    static func verify(
        _ header: String?, payload: [UInt8] = payload, secrets: [String] = [secret], now: Date = now
    ) -> Bool {
        do {
            try StripeSignatureVerifier(secrets: secrets).verify(payload: payload, signatureHeader: header, now: now)
            return true
        } catch let error as DomainError {
            #expect(error.code == .invalidSignature)
            return false
        } catch {
            Issue.record("unexpected \(error)")
            return false
        }
    }

    @Test func theVectorIsWhatThreeImplementationsComputed() throws {
        #expect(Self.payload.count == 244)
        #expect(
            hex(try SHA256.hash(Self.payload)) == "6c01f864db57ee6e10ee1b098a76b474a4c2c4595e9474de0c26431fb93275cb")
        let mac = try HMACSHA256.authenticationCode(
            key: Array(Self.secret.utf8), message: Array("1700000000.".utf8) + Self.payload)
        #expect(hex(mac) == Self.v1)
    }

    @Test func acceptsTheValidVectorInsideTheWindow() {
        #expect(Self.verify(Self.header))
    }

    @Test func acceptsRotatedSecretsEitherWay() {
        let rotation = "t=1700000000,v1=\(Self.oldV1),v1=\(Self.v1)"
        #expect(Self.verify(rotation, secrets: [Self.secret]))
        #expect(Self.verify(rotation, secrets: [Self.oldSecret]))
        #expect(Self.verify("t=1700000000,v1=\(Self.oldV1)", secrets: [Self.secret, Self.oldSecret]))
        #expect(!Self.verify("t=1700000000,v1=\(Self.oldV1)", secrets: [Self.secret]))
    }

    @Test func ignoresAV0Decoy() {
        #expect(Self.verify("t=1700000000,v1=\(Self.v1),v0=\(Self.v0Decoy)"))
        #expect(!Self.verify("t=1700000000,v0=\(Self.v0Decoy)"))
    }

    @Test func rejectsATamperedBody() {
        #expect(!Self.verify(Self.header, payload: Self.payload + Array("\n".utf8)))
        var flipped = Self.payload
        flipped[10] ^= 0x01
        #expect(!Self.verify(Self.header, payload: flipped))
        let respaced = Array(
            String(decoding: Self.payload, as: UTF8.self).replacingOccurrences(of: ":", with: ": ").utf8)
        #expect(!Self.verify(Self.header, payload: respaced))
    }

    @Test func enforcesTheToleranceInBothDirections() {
        #expect(!Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_700_000_301)))
        #expect(Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_700_000_299)))
        #expect(Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_699_999_701)))
        #expect(!Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_699_999_699)))
        // Years later, as in production: the fixed vector must be rejected.
        #expect(!Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_800_000_000)))
        // One hour in the future (stripe-python and stripe-node accept this).
        #expect(!Self.verify(Self.header, now: Date(timeIntervalSince1970: 1_699_996_400)))
    }

    @Test func rejectsAMissingOrEmptyHeaderAndMissingParts() {
        #expect(!Self.verify(nil))
        #expect(!Self.verify(""))
        #expect(!Self.verify("v1=\(Self.v1)"))
        #expect(!Self.verify("t=1700000000"))
    }

    @Test func rejectsUppercaseHexAndMalformedSignatures() {
        #expect(!Self.verify("t=1700000000,v1=\(Self.v1.uppercased())"))
        #expect(!Self.verify("t=1700000000,v1=\(Self.v1.dropLast(2))"))
        #expect(!Self.verify("t=1700000000,v1=\(Self.v1)=x"))
        #expect(!Self.verify("t=1700000000, v1=\(Self.v1)"))
        #expect(!Self.verify("t=1700000001,v1=\(Self.v1)"))
    }

    @Test func rejectsNonCanonicalAndDuplicateTimestamps() {
        for t in ["01700000000", "+1700000000", "1_700_000_000", "1700000000abc", " 1700000000", "", "1700000000000"] {
            #expect(!Self.verify("t=\(t),v1=\(Self.v1)"), "t=\(t)")
        }
        #expect(!Self.verify("t=1700000001,t=1700000000,v1=\(Self.v1)"))
        #expect(!Self.verify("t=1700000000,t=1700000001,v1=\(Self.v1)"))
        #expect(!Self.verify("t=1700000000,t=1700000000,v1=\(Self.v1)"))
    }

    @Test func rejectsJunkEmptyBodiesAndOversizedInput() {
        for junk in ["junk", ",,,", "t", "=", "t=,v1=", "\u{0}", String(repeating: "a", count: 9000)] {
            #expect(!Self.verify(junk), "\(junk.prefix(20))")
        }
        // The empty body's own valid signature is still refused.
        #expect(
            !Self.verify(
                "t=1700000000,v1=e5d94ef2c12e959c99581c3c9e7d22c3e2f230eeb9e73da1bb4608d01e9a1388", payload: []))
        let many = (0..<9).map { _ in "v1=\(Self.v1)" }.joined(separator: ",")
        #expect(!Self.verify("t=1700000000,\(many)"))
        #expect(!Self.verify(Self.header, payload: [UInt8](repeating: 0x20, count: 512 * 1024 + 1)))
        // Invalid UTF-8 is just bytes: a bad signature, never a crash.
        #expect(!Self.verify(Self.header, payload: [0xff, 0xfe, 0x00]))
    }
}
