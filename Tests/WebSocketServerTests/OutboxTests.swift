import Testing
import WebSocketServer

@Suite struct OutboxTests {
    @Test func popsFramesInOrder() {
        var outbox = Outbox<Int>(capacity: 4)
        _ = outbox.push(1)
        _ = outbox.push(2)
        _ = outbox.push(3)
        #expect(outbox.pop() == 1)
        #expect(outbox.pop() == 2)
        #expect(outbox.pop() == 3)
        #expect(outbox.pop() == nil)
    }

    @Test func onlyThePushIntoAnEmptyOutboxAsksForWriteable() {
        var outbox = Outbox<Int>(capacity: 4)
        #expect(outbox.push(1) == .queued(wasEmpty: true))
        #expect(outbox.push(2) == .queued(wasEmpty: false))
        _ = outbox.pop()
        _ = outbox.pop()
        #expect(outbox.push(3) == .queued(wasEmpty: true))
    }

    @Test func overflowDropsEverythingAndRefusesMore() {
        var outbox = Outbox<Int>(capacity: 2)
        _ = outbox.push(1)
        _ = outbox.push(2)
        #expect(outbox.push(3) == .overflowed)
        #expect(outbox.isClosed)
        #expect(outbox.isEmpty)
        #expect(outbox.pop() == nil)
        #expect(outbox.push(4) == .closed)
    }

    @Test func aConsumerThatKeepsUpNeverOverflows() {
        var outbox = Outbox<Int>(capacity: 3)
        for value in 0..<10_000 {
            #expect(outbox.push(value) != .overflowed)
            if value % 2 == 1 {
                #expect(outbox.pop() == value - 1)
                #expect(outbox.pop() == value)
            }
        }
        #expect(outbox.isEmpty)
    }

    @Test func interleavedPushAndPopKeepOrderAcrossCompaction() {
        var outbox = Outbox<Int>(capacity: 1_000)
        var expected = 0
        for value in 0..<500 { _ = outbox.push(value) }
        for value in 500..<5_000 {
            #expect(outbox.pop() == expected)
            expected += 1
            _ = outbox.push(value)
        }
        while let value = outbox.pop() {
            #expect(value == expected)
            expected += 1
        }
        #expect(expected == 5_000)
    }

    @Test func closeDiscardsQueuedFrames() {
        var outbox = Outbox<Int>(capacity: 4)
        _ = outbox.push(1)
        outbox.close()
        #expect(outbox.pop() == nil)
        #expect(outbox.push(2) == .closed)
    }
}
