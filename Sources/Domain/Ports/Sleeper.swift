/// Waiting, as a port, so retry back-off is testable without sleeping.
public protocol Sleeper: Sendable {
    /// Blocks the calling OS thread for `duration`, or less: returns false as soon as `cancellation` is
    /// requested (polled about twice a second), true when the whole duration passed.
    func sleep(for duration: Duration, cancellation: CancellationCheck) -> Bool
}
