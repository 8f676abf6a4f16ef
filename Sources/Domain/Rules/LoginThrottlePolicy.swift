public import Foundation

/// How many failed sign-ins an account and an address may have per window before sign-in is refused.
/// Windows are fixed (aligned to multiples of `window`), so every worker computes the same window start.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public let window: TimeInterval
    public let maximumFailuresPerAccount: Int
    public let maximumFailuresPerAddress: Int

    public init(window: TimeInterval, maximumFailuresPerAccount: Int, maximumFailuresPerAddress: Int) {
        self.window = window
        self.maximumFailuresPerAccount = maximumFailuresPerAccount
        self.maximumFailuresPerAddress = maximumFailuresPerAddress
    }

    public static let standard = LoginThrottlePolicy(
        window: 15 * 60, maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 50)

    public struct Subject: Sendable, Equatable {
        public let key: String
        public let limit: Int
    }

    /// The throttle keys one attempt counts against.
    public func subjects(email: String, remoteAddress: String) -> [Subject] {
        [
            Subject(key: "account:\(email)", limit: maximumFailuresPerAccount),
            Subject(key: "ip:\(remoteAddress)", limit: maximumFailuresPerAddress),
        ]
    }

    public func windowStart(containing now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / window).rounded(.down) * window)
    }

    public func windowEnd(containing now: Date) -> Date {
        windowStart(containing: now).addingTimeInterval(window)
    }

    /// Whole seconds until the window containing `now` closes (at least 1).
    public func retryAfterSeconds(at now: Date) -> Int {
        max(1, Int(windowEnd(containing: now).timeIntervalSince(now).rounded(.up)))
    }
}
