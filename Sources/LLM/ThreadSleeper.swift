public import Domain
import Foundation

/// `Sleeper` for real: blocks the calling OS thread (a runner thread backing off before a retry), in
/// slices so a cancel is seen within `slice`.
public struct ThreadSleeper: Sleeper {
    public init() {}

    private static let slice = Duration.milliseconds(500)

    public func sleep(for duration: Duration, cancellation: CancellationCheck) -> Bool {
        var remaining = duration
        while remaining > .zero {
            let step = min(remaining, Self.slice)
            let (seconds, attoseconds) = step.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
            remaining -= step
            if cancellation.isRequested { return false }
        }
        return true
    }
}
