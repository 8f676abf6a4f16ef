import Testing

@testable import Mongo

@Suite struct ChangeStreamPacingTests {
    let start = ContinuousClock.now

    @Test func aServerThatWaitedIsAskedAgainAtOnce() {
        let pacing = ChangeStreamPacing()
        #expect(pacing.pause(afterEmptyAnswerTaking: .milliseconds(500), at: start) == .zero)
    }

    @Test func aServerThatAnsweredAtOnceIsPolledSlowlyWhileQuiet() {
        let pacing = ChangeStreamPacing()
        #expect(pacing.pause(afterEmptyAnswerTaking: .microseconds(300), at: start) == ChangeStreamPacing.quietPause)
    }

    @Test func aBusyStreamIsPolledQuicklyForASecondAfterItsLastEvent() {
        var pacing = ChangeStreamPacing()
        pacing.eventHandled(at: start)
        let busy = pacing.pause(afterEmptyAnswerTaking: .microseconds(300), at: start + .milliseconds(900))
        let quiet = pacing.pause(afterEmptyAnswerTaking: .microseconds(300), at: start + .milliseconds(1_100))
        #expect(busy == ChangeStreamPacing.busyPause)
        #expect(quiet == ChangeStreamPacing.quietPause)
    }
}
