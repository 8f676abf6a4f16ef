public import Domain
public import Foundation
import Synchronization

/// A clock tests move by hand.
public final class MockClock: Domain.Clock {
    private let current: Mutex<Date>  // guards the time

    public init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}
