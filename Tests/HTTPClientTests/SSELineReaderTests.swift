import HTTPClient
import Testing

@Suite struct SSELineReaderTests {
    private func events(_ chunks: [String]) -> [SSEEvent] {
        var reader = SSELineReader()
        return chunks.flatMap { reader.feed(Array($0.utf8)) }
    }

    @Test func dispatchesAnEventAtABlankLine() {
        #expect(events(["data: hello\n\n"]) == [SSEEvent(data: "hello")])
    }

    @Test func holdsAnEventUntilItsBlankLineArrives() {
        var reader = SSELineReader()
        #expect(reader.feed(Array("data: hel".utf8)).isEmpty)
        #expect(reader.feed(Array("lo\n".utf8)).isEmpty)
        #expect(reader.feed(Array("\n".utf8)) == [SSEEvent(data: "hello")])
    }

    @Test func givesTheSameEventsWhenFedOneByteAtATime() {
        let stream = "event: delta\r\nid: 1\r\ndata: a\r\ndata: b\r\n\r\n: note\n\ndata: é\n\ndata: [DONE]\n\n"
        var reader = SSELineReader()
        let byteByByte = stream.utf8.flatMap { reader.feed([$0]) }
        #expect(byteByByte == events([stream]))
        #expect(byteByByte.count == 3)
    }

    @Test func acceptsCRLFAndLoneCRLineEndings() {
        #expect(events(["data: a\r\n\r\n", "data: b\r\r"]) == [SSEEvent(data: "a"), SSEEvent(data: "b")])
    }

    @Test func treatsACRLFSplitAcrossChunksAsOneLineEnd() {
        #expect(events(["data: a\r", "\ndata: b\r", "\n\r", "\n"]) == [SSEEvent(data: "a\nb")])
    }

    @Test func joinsMultipleDataLinesWithNewlines() {
        #expect(events(["data: one\ndata: two\ndata:\n\n"]) == [SSEEvent(data: "one\ntwo\n")])
    }

    @Test func ignoresComments() {
        #expect(events([": ping\n\n:another\ndata: x\n\n"]) == [SSEEvent(data: "x")])
    }

    @Test func appliesEventTypeToOneEventOnly() {
        #expect(
            events(["event: delta\ndata: a\n\ndata: b\n\n"]) == [
                SSEEvent(type: "delta", data: "a"), SSEEvent(type: "message", data: "b"),
            ])
    }

    @Test func keepsTheLastEventIDAcrossEvents() {
        let received = events(["id: 7\ndata: a\n\ndata: b\n\nid: 8\u{0}x\ndata: c\n\n"])
        #expect(received.map(\.id) == ["7", "7", "7"])
    }

    @Test func stripsOnlyOneSpaceAfterTheColon() {
        #expect(events(["data:x\n\ndata:  y\n\n"]) == [SSEEvent(data: "x"), SSEEvent(data: " y")])
    }

    @Test func treatsAFieldWithoutColonAsEmptyValue() {
        #expect(events(["data\n\n"]) == [SSEEvent(data: "")])
    }

    @Test func dropsAnEventLeftWithoutABlankLine() {
        #expect(events(["data: unfinished\n"]).isEmpty)
    }

    @Test func stopsAfterDone() {
        var reader = SSELineReader()
        let received = reader.feed(Array("data: a\n\ndata: [DONE]\n\ndata: late\n\n".utf8))
        #expect(received.map(\.data) == ["a", "[DONE]"])
        #expect(received.last?.isDone == true)
        #expect(reader.isDone)
        #expect(reader.feed(Array("data: later\n\n".utf8)).isEmpty)
    }

    @Test func skipsALeadingByteOrderMark() {
        #expect(events(["\u{FEFF}data: x\n\n"]) == [SSEEvent(data: "x")])
    }

    @Test func decodesUTF8SplitAcrossChunks() {
        var reader = SSELineReader()
        let bytes = Array("data: héllo\n\n".utf8)
        let split = bytes.firstIndex(of: 0xC3).map { $0 + 1 } ?? 0
        let received = reader.feed(bytes[..<split]) + reader.feed(bytes[split...])
        #expect(received == [SSEEvent(data: "héllo")])
    }
}
