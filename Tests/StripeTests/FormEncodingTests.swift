import Domain
import Stripe
import Testing

@Suite struct FormEncodingTests {
    /// reliability-anchors §3.3: the byte-exact body stripe-python's `_api_encode` + `urlencode` produce.
    @Test func encodesTheStripePythonVectorByteForByte() {
        let user = "665f1c2e9b1e8a0012345678"
        let pairs = [
            ("mode", "payment"),
            ("line_items[0][price]", "price_starter_50cr"),
            ("line_items[0][quantity]", "1"),
            ("success_url", "https://cohorta.example/billing?session_id={CHECKOUT_SESSION_ID}"),
            ("cancel_url", "https://cohorta.example/billing?canceled=1"),
            ("client_reference_id", user),
            ("metadata[user_id]", user),
            ("metadata[pack]", "starter"),
            ("metadata[credits]", "50"),
            ("payment_intent_data[metadata][user_id]", user),
        ]
        let expected =
            "mode=payment&line_items%5B0%5D%5Bprice%5D=price_starter_50cr&line_items%5B0%5D%5Bquantity%5D=1"
            + "&success_url=https%3A%2F%2Fcohorta.example%2Fbilling%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=https%3A%2F%2Fcohorta.example%2Fbilling%3Fcanceled%3D1"
            + "&client_reference_id=665f1c2e9b1e8a0012345678&metadata%5Buser_id%5D=665f1c2e9b1e8a0012345678"
            + "&metadata%5Bpack%5D=starter&metadata%5Bcredits%5D=50"
            + "&payment_intent_data%5Bmetadata%5D%5Buser_id%5D=665f1c2e9b1e8a0012345678"
        #expect(FormEncoding.encode(pairs) == expected)
    }

    /// Python's `quote_plus`: space → `+`, `_.-~` kept, everything else (UTF-8 bytes) as uppercase %XX.
    @Test func escapesLikeQuotePlus() {
        #expect(FormEncoding.encode([("a b", "x+y/z~_.-é&=")]) == "a+b=x%2By%2Fz~_.-%C3%A9%26%3D")
    }
}
