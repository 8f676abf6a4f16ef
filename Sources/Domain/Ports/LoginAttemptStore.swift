public import Foundation

/// Counts failed sign-ins per throttle key ("account:<email>", "ip:<addr>") in fixed windows,
/// shared by every worker process.
public protocol LoginAttemptStore: Sendable {
    /// Failures recorded for the key in the window that contains `now`.
    func failures(for key: String, windowStart: Date) throws -> Int
    /// Records one failure and returns the new count for the window.
    func recordFailure(for key: String, windowStart: Date, expiresAt: Date) throws -> Int
    func clear(_ key: String) throws
}
