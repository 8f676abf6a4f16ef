public import Domain

/// `SessionCounter` with fixed counts (zero for anyone not listed).
public struct FixedSessionCounts: SessionCounter {
    public let counts: [UserID: Int]

    public init(_ counts: [UserID: Int] = [:]) { self.counts = counts }

    public func sessionCount(of user: UserID) throws -> Int { counts[user] ?? 0 }
}
