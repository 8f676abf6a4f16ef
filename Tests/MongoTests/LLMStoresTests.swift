import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct LLMStoresTests {
    struct Stores {
        let fixture: MongoFixture
        let calls: MongoLLMCallStore
        let usage: MongoUsageEventStore

        init() throws {
            fixture = try MongoFixture()
            calls = MongoLLMCallStore(pool: fixture.pool, database: fixture.database)
            usage = MongoUsageEventStore(pool: fixture.pool, database: fixture.database)
        }
    }

    static func record(hash: String = "ab12", content: String = #"{"name":"Ada"}"#) -> LLMCallRecord {
        LLMCallRecord(
            requestHash: hash, model: "cohorta-sim-main", template: "persona/detail@1", feature: .personaDetail,
            messages: [ChatMessage(.system, "sys"), ChatMessage(.user, "Ünïcode ✓")], content: content,
            usage: TokenUsage(promptTokens: 120, completionTokens: 45), cost: MicroUSD(33),
            createdAt: Date(timeIntervalSince1970: 1_800_000_000.123))
    }

    @Test func callRoundTripsByHash() throws {
        let stores = try Stores()
        #expect(try stores.calls.call(hash: "ab12") == nil)
        try stores.calls.record(Self.record())
        #expect(try stores.calls.call(hash: "ab12") == Self.record())
    }

    @Test func callIsStoredWithTheContractsFieldNames() throws {
        let stores = try Stores()
        try stores.calls.record(Self.record())
        let stored = try #require(
            try stores.fixture.withDatabase { try $0.collection("llm_calls").findOne(["_id": "ab12"]) })
        #expect(
            try stored.elements.map(\.key) == [
                "_id", "model", "template", "feature", "request", "response", "usage", "cost_micro_usd", "created_at",
            ])
        #expect(stored["feature"]?.stringValue == "persona_detail")
        #expect(stored["cost_micro_usd"]?.int64Value == 33)
        #expect(stored.document(forKey: "usage")?["prompt_tokens"]?.int64Value == 120)
    }

    @Test func anImageMessageIsStoredAsItsDigestOnly() throws {
        struct NamedDigest: Digest {
            func sha256Hex(_ bytes: [UInt8]) throws -> String { "digest-of-\(bytes.count)" }
        }
        let stores = try Stores()
        let image = try ChatImage(
            mediaType: "image/png", bytes: [UInt8](repeating: 7, count: 4096), digest: NamedDigest())
        let record = LLMCallRecord(
            requestHash: "img1", model: "cohorta-sim-main", template: "focus-group/image-description@1",
            feature: .imageDescription,
            messages: [ChatMessage(.system, "sys"), ChatMessage(.user, "Box", image: image)],
            content: #"{"description":"A box."}"#, usage: .zero, cost: .zero, createdAt: Date(timeIntervalSince1970: 1))
        try stores.calls.record(record)
        let stored = try #require(
            try stores.fixture.withDatabase { try $0.collection("llm_calls").findOne(["_id": "img1"]) })
        guard case .array(let messages) = stored["request"] else {
            Issue.record("request is not an array")
            return
        }
        #expect(messages[1]["image"] == ["media_type": "image/png", "sha256": "digest-of-4096"])
        let read = try #require(try stores.calls.call(hash: "img1"))
        #expect(read.messages[1].image?.sha256 == "digest-of-4096")
        #expect(read.messages[1].image?.bytes == [])
        #expect(read.content == record.content)
    }

    @Test func aSecondRecordUnderTheSameHashKeepsTheFirst() throws {
        let stores = try Stores()
        try stores.calls.record(Self.record(content: "first"))
        try stores.calls.record(Self.record(content: "second"))
        #expect(try stores.calls.call(hash: "ab12")?.content == "first")
    }

    @Test func usageEventsAreReadBackPerUserWithinTheInterval() throws {
        let stores = try Stores()
        let ada = UserID(ObjectID().hex)
        let bob = UserID(ObjectID().hex)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        func event(_ user: UserID, at offset: TimeInterval, tokens: Int) -> UsageEvent {
            UsageEvent(
                userID: user, feature: .personaDetail, objectReference: offset < 0 ? nil : "task:t1",
                model: "m", usage: TokenUsage(promptTokens: tokens, completionTokens: 1), cost: MicroUSD(7),
                replayed: false, createdAt: start.addingTimeInterval(offset))
        }
        for item in [
            event(ada, at: -1, tokens: 1), event(ada, at: 0, tokens: 2), event(ada, at: 3599, tokens: 3),
            event(ada, at: 3600, tokens: 4), event(bob, at: 10, tokens: 5),
        ] {
            try stores.usage.record(item)
        }
        let found = try stores.usage.events(of: ada, in: DateInterval(start: start, duration: 3600))
        #expect(found.map(\.usage.promptTokens).sorted() == [2, 3])
        #expect(found.first { $0.usage.promptTokens == 3 } == event(ada, at: 3599, tokens: 3))
    }

    @Test func usageEventIsStoredPerUserWithObjectReference() throws {
        let stores = try Stores()
        let user = ObjectID()
        let event = UsageEvent(
            userID: UserID(user.hex), feature: .personaBasicProfiles, objectReference: "task:9",
            model: "cohorta-sim-mini", usage: TokenUsage(promptTokens: 10, completionTokens: 5), cost: MicroUSD(2),
            replayed: true, createdAt: Date(timeIntervalSince1970: 1_800_000_000))
        try stores.usage.record(event)
        let rows = try stores.fixture.withDatabase {
            try $0.collection("usage_events").find(["user_id": ["$in": [.objectID(user)]]])
        }
        let row = try #require(rows.first)
        #expect(rows.count == 1)
        #expect(row["feature"]?.stringValue == "persona_basic_profiles")
        #expect(row["object_ref"]?.stringValue == "task:9")
        #expect(row["model"]?.stringValue == "cohorta-sim-mini")
        #expect(row["prompt_tokens"]?.int64Value == 10)
        #expect(row["completion_tokens"]?.int64Value == 5)
        #expect(row["cost_micro_usd"]?.int64Value == 2)
        #expect(row["replayed"] == .bool(true))
        #expect(row["created_at"] == .date(Date(timeIntervalSince1970: 1_800_000_000)))
    }

    @Test func usageEventForAMalformedUserIDIsRefused() throws {
        let stores = try Stores()
        let event = UsageEvent(
            userID: UserID("not-an-id"), feature: .summary, objectReference: nil, model: "m", usage: .zero,
            cost: .zero, replayed: false, createdAt: Date())
        #expect(throws: DomainError.self) { try stores.usage.record(event) }
    }
}
