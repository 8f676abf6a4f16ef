import CohortaTestSupport
import Domain
import Foundation
import Testing

/// At most one draft per 100 ms of the run's clock, the first of each draft at once.
struct LiveDraftCoalescerTests {
    let clock = MockClock()

    @Test func theFirstTextOfADraftIsPublishedAtOnce() {
        var coalescer = DraftCoalescer()
        coalescer.begin()
        let published = coalescer.shouldPublish(at: clock.now)
        #expect(published)
    }

    @Test func laterTextWaitsForTheIntervalSinceTheLastPublish() {
        var coalescer = DraftCoalescer()
        coalescer.begin()
        var published: [Bool] = []
        for _ in 0..<8 {
            published.append(coalescer.shouldPublish(at: clock.now))
            clock.advance(by: 0.04)
        }
        // at 0, 40, 80, 120, 160, 200, 240, 280 ms: out at 0, 120 and 240
        #expect(published == [true, false, false, true, false, false, true, false])
    }

    @Test func aFastStreamIsPublishedAboutTenTimesASecond() {
        var coalescer = DraftCoalescer()
        coalescer.begin()
        var count = 0
        for _ in 0..<1_000 {
            if coalescer.shouldPublish(at: clock.now) { count += 1 }
            clock.advance(by: 0.001)
        }
        #expect((10...11).contains(count))
    }

    @Test func aNewDraftIsPublishedAtOnceEvenRightAfterTheLast() {
        var coalescer = DraftCoalescer()
        coalescer.begin()
        var published = [coalescer.shouldPublish(at: clock.now)]
        clock.advance(by: 0.01)
        published.append(coalescer.shouldPublish(at: clock.now))
        coalescer.begin()
        published.append(coalescer.shouldPublish(at: clock.now))
        #expect(published == [true, false, true])
    }

    @Test func aSlowStreamIsPublishedChunkByChunk() {
        var coalescer = DraftCoalescer(interval: 0.1)
        coalescer.begin()
        var published: [Bool] = []
        for _ in 0..<5 {
            published.append(coalescer.shouldPublish(at: clock.now))
            clock.advance(by: 0.25)
        }
        #expect(published.allSatisfy { $0 })
    }
}
