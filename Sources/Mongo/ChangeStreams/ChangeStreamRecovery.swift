/// What a follower does when its change stream fails, as a pure state machine (the follower sleeps
/// and reopens; this decides how long and from where).
///
/// - A failed stream reopens after `delay` with `resumeAfter` the last token, so nothing is missed
///   and nothing repeats. The delay starts at 100 ms and doubles with each failed open, up to 5 s; it
///   goes back to 100 ms once a reopened stream answers.
/// - A server that is unreachable is retried from the same place. A server that refuses to resume
///   (invalidated stream, token no longer in its history), an invalidate event, or a failure before any
///   token was known, makes the next open start from now, and that open reports the position lost.
struct ChangeStreamRecovery: Equatable {
    enum Start: Equatable {
        case afterToken
        case now
    }

    static let firstDelay = Duration.milliseconds(100)
    static let maximumDelay = Duration.seconds(5)

    private(set) var delay = firstDelay
    private(set) var start = Start.afterToken

    /// The stream failed. Returns how long to wait before reopening it.
    mutating func streamFailed(hasToken: Bool) -> Duration {
        if !hasToken { start = .now }
        return delay
    }

    /// The stream ended for good (invalidate): reopen at once, from now.
    mutating func streamInvalidated() {
        start = .now
    }

    /// Reopening failed. Returns how long to wait before the next attempt.
    mutating func openFailed(unreachable: Bool) -> Duration {
        if !unreachable { start = .now }
        delay = min(delay * 2, Self.maximumDelay)
        return delay
    }

    /// A stream opened from `start`. Returns whether it started from now, i.e. whether changes since
    /// the last token may be missing (the caller reports `positionLost`).
    mutating func opened() -> Bool {
        defer { start = .afterToken }
        return start == .now
    }

    /// The stream answered (an event or an empty batch): the next failure waits the first delay again.
    mutating func streamAnswered() {
        delay = Self.firstDelay
    }
}
