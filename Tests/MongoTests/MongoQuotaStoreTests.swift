import BSON
import Dispatch
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoQuotaStoreTests {
    struct Stores {
        let fixture: MongoFixture
        let quotas: MongoQuotaStore
        let usage: MongoUsageEventStore

        init() throws {
            fixture = try MongoFixture()
            quotas = MongoQuotaStore(pool: fixture.pool, database: fixture.database)
            usage = MongoUsageEventStore(pool: fixture.pool, database: fixture.database)
        }

        func counter(_ user: UserID, _ month: String) throws -> BSONDocument? {
            try fixture.withDatabase {
                try $0.collection("usage_months").findOne(["_id": .string("\(user.rawValue):\(month)")])
            }
        }
    }

    /// 2026-11-30 23:59:59 UTC, one second before December.
    static let endOfNovember = Date(timeIntervalSince1970: 1_796_083_199)

    static func event(_ user: UserID, cost: Int64, at date: Date, replayed: Bool = false) -> UsageEvent {
        UsageEvent(
            userID: user, feature: .personaResponse, objectReference: nil, model: "cohorta-sim-mini",
            usage: TokenUsage(promptTokens: 10, completionTokens: 5), cost: MicroUSD(cost), replayed: replayed,
            createdAt: date)
    }

    @Test func recordingAnEventAddsItsCostToItsUTCMonth() throws {
        let stores = try Stores()
        let user = UserID(ObjectID().hex)
        let november = QuotaMonth(containing: Self.endOfNovember)
        try stores.usage.record(Self.event(user, cost: 1_250, at: Self.endOfNovember))
        try stores.usage.record(
            Self.event(user, cost: 5_000_000_000, at: Self.endOfNovember.addingTimeInterval(-86_400)))
        try stores.usage.record(Self.event(user, cost: 0, at: Self.endOfNovember, replayed: true))
        try stores.usage.record(Self.event(user, cost: 7, at: Self.endOfNovember.addingTimeInterval(1)))
        try stores.usage.record(Self.event(UserID(ObjectID().hex), cost: 99, at: Self.endOfNovember))

        #expect(try stores.quotas.spent(by: user, in: november) == MicroUSD(5_000_001_250))
        #expect(try stores.quotas.spent(by: user, in: november.next) == MicroUSD(7))
        #expect(try stores.quotas.spent(by: user, in: november.next.next) == .zero)
        let stored = try #require(try stores.counter(user, "2026-11"))
        #expect(try stored.elements.map(\.key).sorted() == ["_id", "calls", "month", "spent_micro_usd", "user_id"])
        #expect(stored["calls"]?.int64Value == 3)
        #expect(stored["month"]?.stringValue == "2026-11")
        #expect(stored["user_id"] == .objectID(try #require(ObjectID(hex: user.rawValue))))
    }

    @Test func concurrentEventsAreAllCounted() throws {
        let stores = try Stores()
        let user = UserID(ObjectID().hex)
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            try? stores.usage.record(Self.event(user, cost: Int64(index + 1), at: Self.endOfNovember))
        }
        #expect(try stores.quotas.spent(by: user, in: QuotaMonth(containing: Self.endOfNovember)) == MicroUSD(820))
        #expect(try stores.counter(user, "2026-11")?["calls"]?.int64Value == 40)
        let november = QuotaMonth(containing: Self.endOfNovember)
        let summed = try stores.usage.events(of: user, in: DateInterval(start: november.start, end: november.end))
            .reduce(0) { $0 + $1.cost.value }
        #expect(summed == 820)
    }

    @Test func anOverrideIsSetReplacedAndRemoved() throws {
        let stores = try Stores()
        let user = UserID(ObjectID().hex)
        #expect(try stores.quotas.limitOverride(of: user) == nil)

        try stores.quotas.setLimitOverride(MicroUSD(25_000_000), of: user, at: Self.endOfNovember)
        #expect(try stores.quotas.limitOverride(of: user) == MicroUSD(25_000_000))
        try stores.quotas.setLimitOverride(MicroUSD(0), of: user, at: Self.endOfNovember.addingTimeInterval(5))
        #expect(try stores.quotas.limitOverride(of: user) == MicroUSD(0))
        let id = try #require(ObjectID(hex: user.rawValue))
        let stored = try #require(
            try stores.fixture.withDatabase { try $0.collection("quotas").findOne(["_id": .objectID(id)]) })
        #expect(try stored.elements.map(\.key) == ["_id", "monthly_usd_limit_micro", "updated_at"])
        #expect(stored["updated_at"] == .date(Self.endOfNovember.addingTimeInterval(5)))

        try stores.quotas.setLimitOverride(nil, of: user, at: Self.endOfNovember)
        #expect(try stores.quotas.limitOverride(of: user) == nil)
        #expect(try stores.fixture.withDatabase { try $0.collection("quotas").count(["_id": .objectID(id)]) } == 0)
    }

    @Test func overridesAreKeptPerUser() throws {
        let stores = try Stores()
        let first = UserID(ObjectID().hex)
        let second = UserID(ObjectID().hex)
        try stores.quotas.setLimitOverride(MicroUSD(1), of: first, at: Self.endOfNovember)
        try stores.quotas.setLimitOverride(MicroUSD(2), of: second, at: Self.endOfNovember)
        try stores.quotas.setLimitOverride(nil, of: second, at: Self.endOfNovember)
        #expect(try stores.quotas.limitOverride(of: first) == MicroUSD(1))
        #expect(try stores.quotas.limitOverride(of: second) == nil)
    }
}
