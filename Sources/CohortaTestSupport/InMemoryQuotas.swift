public import Domain
public import Foundation
import Synchronization

/// `QuotaStore` in memory: overrides in a `Mutex`; the month's spend summed from the recorded usage events
/// (the Mongo adapter keeps a counter instead; its tests check the two agree).
public final class InMemoryQuotas: QuotaStore {
    private let usage: RecordingUsageEvents
    private let overrides = Mutex<[UserID: MicroUSD]>([:])

    public init(usage: RecordingUsageEvents) { self.usage = usage }

    public func limitOverride(of user: UserID) throws -> MicroUSD? { overrides.withLock { $0[user] } }

    public func setLimitOverride(_ limit: MicroUSD?, of user: UserID, at date: Date) throws {
        overrides.withLock { $0[user] = limit }
    }

    public func spent(by user: UserID, in month: QuotaMonth) throws -> MicroUSD {
        try usage.events(of: user, in: DateInterval(start: month.start, end: month.end))
            .reduce(MicroUSD.zero) { $0 + $1.cost }
    }
}
