public import Domain
public import Foundation
import Synchronization

/// In-memory stand-ins for the LLM gateway's ports, shared by the Domain and LLM tests.
/// Every fake guards its state with its own `Mutex`.
public final class InMemoryLLMCalls: LLMCallStore {
    public init() {}

    private let records = Mutex<[String: LLMCallRecord]>([:])

    public var all: [LLMCallRecord] { records.withLock { Array($0.values) } }

    public func call(hash: String) throws -> LLMCallRecord? { records.withLock { $0[hash] } }

    public func record(_ record: LLMCallRecord) throws {
        records.withLock { if $0[record.requestHash] == nil { $0[record.requestHash] = record } }
    }
}

public final class RecordingUsageEvents: UsageEventStore {
    public init() {}

    private let events = Mutex<[UsageEvent]>([])

    public var all: [UsageEvent] { events.withLock { $0 } }

    public func record(_ event: UsageEvent) throws { events.withLock { $0.append(event) } }

    public func events(of user: UserID, in interval: DateInterval) throws -> [UsageEvent] {
        all.filter { $0.userID == user && interval.start <= $0.createdAt && $0.createdAt < interval.end }
    }
}

/// One price per model, in force at every time.
public struct FixedPricing: ModelPricingStore {
    public let prices: [ModelPricing]

    public init(prices: [ModelPricing]) { self.prices = prices }

    public func pricing(model: String, at time: Date) throws -> ModelPricing? { prices.first { $0.model == model } }
}

/// Not SHA-256: the canonical text itself, so tests can see what was hashed.
public struct TransparentDigest: Digest {
    public init() {}

    public func sha256Hex(_ bytes: [UInt8]) throws -> String { String(decoding: bytes, as: UTF8.self) }
}

public final class RecordingSleeper: Sleeper {
    public init() {}

    private let delays = Mutex<[Duration]>([])

    public var all: [Duration] { delays.withLock { $0 } }

    /// Records `duration` without waiting; reports a cancel requested by then.
    public func sleep(for duration: Duration, cancellation: CancellationCheck) -> Bool {
        delays.withLock { $0.append(duration) }
        return !cancellation.isRequested
    }
}
