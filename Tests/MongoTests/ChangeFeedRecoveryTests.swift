import Testing

@testable import Mongo

/// `ChangeStreamRecovery`: how long a follower waits and where it reopens, without a server.
struct ChangeFeedRecoveryTests {
    @Test func aFailedStreamReopensAfterItsTokenBackingOffFrom100MillisecondsTo5Seconds() {
        var recovery = ChangeStreamRecovery()
        #expect(recovery.streamFailed(hasToken: true) == .milliseconds(100))
        let waits = (0..<8).map { _ in recovery.openFailed(unreachable: true) }
        #expect(waits == [200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000].map(Duration.milliseconds))
        #expect(recovery.start == .afterToken)
        #expect(recovery.opened() == false)
    }

    @Test func theBackoffStartsAgainOnceAReopenedStreamAnswers() {
        var recovery = ChangeStreamRecovery()
        _ = recovery.streamFailed(hasToken: true)
        _ = recovery.openFailed(unreachable: true)
        _ = recovery.opened()
        #expect(recovery.streamFailed(hasToken: true) == .milliseconds(200))
        recovery.streamAnswered()
        #expect(recovery.streamFailed(hasToken: true) == .milliseconds(100))
    }

    @Test func aRefusedResumeStartsFromNowAndReportsThePositionLost() {
        var recovery = ChangeStreamRecovery()
        _ = recovery.streamFailed(hasToken: true)
        #expect(recovery.openFailed(unreachable: false) == .milliseconds(200))
        #expect(recovery.start == .now)
        #expect(recovery.opened() == true)
        #expect(recovery.start == .afterToken)
    }

    @Test func aFailureWithoutATokenOrAnInvalidationStartsFromNow() {
        var withoutToken = ChangeStreamRecovery()
        _ = withoutToken.streamFailed(hasToken: false)
        #expect(withoutToken.opened() == true)

        var invalidated = ChangeStreamRecovery()
        invalidated.streamInvalidated()
        #expect(invalidated.start == .now)
        #expect(invalidated.opened() == true)
        #expect(invalidated.opened() == false)
    }
}
