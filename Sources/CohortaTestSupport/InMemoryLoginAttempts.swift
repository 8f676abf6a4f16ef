public import Domain
public import Foundation
import Synchronization

public final class InMemoryLoginAttempts: LoginAttemptStore {
    private let counts = Mutex<[String: Int]>([:])  // guards the per key+window counters

    public init() {}

    public func failures(for key: String, windowStart: Date) throws -> Int {
        counts.withLock { $0[Self.slot(key, windowStart)] ?? 0 }
    }

    public func recordFailure(for key: String, windowStart: Date, expiresAt: Date) throws -> Int {
        counts.withLock { counts in
            let slot = Self.slot(key, windowStart)
            counts[slot, default: 0] += 1
            return counts[slot, default: 0]
        }
    }

    public func clear(_ key: String) throws {
        counts.withLock { $0 = $0.filter { !$0.key.hasPrefix(key + "|") } }
    }

    private static func slot(_ key: String, _ windowStart: Date) -> String {
        "\(key)|\(Int(windowStart.timeIntervalSince1970))"
    }
}
