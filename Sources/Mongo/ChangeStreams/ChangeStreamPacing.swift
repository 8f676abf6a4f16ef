/// How long a follower waits before asking its stream again after an empty answer, as a pure rule.
///
/// - A server that waited for events before answering (a real MongoDB waits up to `maxAwaitTimeMS`) is
///   asked again at once: its next answer comes as soon as there is an event.
/// - A server that answered at once (nx-27017 never waits) is polled: every 5 ms while the stream is busy
///   (an event in the last second, e.g. a live session's turns), every 50 ms while it is quiet.
struct ChangeStreamPacing {
    static let busyPause = Duration.milliseconds(5)
    static let quietPause = Duration.milliseconds(50)
    /// How long after its last event a stream still counts as busy.
    static let busyWindow = Duration.seconds(1)
    /// An empty answer that took this long means the server waited for events.
    static let serverWaited = Duration.milliseconds(100)

    private var lastEvent: ContinuousClock.Instant?

    mutating func eventHandled(at now: ContinuousClock.Instant) { lastEvent = now }

    /// The pause after an empty answer that took `elapsed`, at `now`.
    func pause(afterEmptyAnswerTaking elapsed: Duration, at now: ContinuousClock.Instant) -> Duration {
        if elapsed >= Self.serverWaited { return .zero }
        guard let lastEvent, now - lastEvent < Self.busyWindow else { return Self.quietPause }
        return Self.busyPause
    }
}
