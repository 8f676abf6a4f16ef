import Testing
import WebSocketServer

@Suite struct HandshakeRequestTests {
    @Test func queryKeepsTheFirstOccurrenceAndEmptyValues() {
        let request = HandshakeRequest(path: "/ws", fragments: ["token=a.b.c", "token=other", "flag", "=x", "e="])
        #expect(request.query["token"] == "a.b.c")
        #expect(request.query["flag"] == "")
        #expect(request.query["e"] == "")
        #expect(request.query.count == 3)
    }
}
