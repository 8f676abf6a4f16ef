/// Waiting, as a port, so retry back-off is testable without sleeping.
public protocol Sleeper: Sendable {
    /// Blocks the calling OS thread for `duration`.
    func sleep(for duration: Duration)
}
