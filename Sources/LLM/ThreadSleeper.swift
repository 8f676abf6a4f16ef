public import Domain
import Foundation

/// `Sleeper` for real: blocks the calling OS thread (a runner thread backing off before a retry).
public struct ThreadSleeper: Sleeper {
    public init() {}

    public func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
