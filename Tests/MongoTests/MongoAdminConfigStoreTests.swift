import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

/// `model_prices`, `app_settings` as the administrator writes it, and the admin's session count.
@Suite(.nxServer)
struct MongoAdminConfigStoreTests {
    let fixture: MongoFixture
    let prices: MongoModelPricingStore
    let settings: MongoSettingsStore
    static let admin = UserID("64b7f0a1c2d3e4f5a6b7c8d9")
    static let day: TimeInterval = 86_400

    init() throws {
        fixture = try MongoFixture()
        prices = MongoModelPricingStore(pool: fixture.pool, database: fixture.database)
        settings = MongoSettingsStore(pool: fixture.pool, database: fixture.database)
    }

    func add(_ model: String, input: Int64, output: Int64, from start: Date, createdAt: Date) throws
        -> ModelPricingEntry
    {
        try prices.add(
            NewModelPricingEntry(
                pricing: ModelPricing(
                    model: model, inputPerMillion: MicroUSD(input), outputPerMillion: MicroUSD(output)),
                effectiveFrom: start, createdBy: Self.admin, createdAt: createdAt))
    }

    @Test func simulatorModelsArePricedAtZeroFromTheEpoch() throws {
        for model in ["cohorta-sim-main", "cohorta-sim-mini"] {
            let price = try #require(try prices.pricing(model: model, at: Date(timeIntervalSince1970: 1)))
            #expect(price.inputPerMillion == .zero && price.outputPerMillion == .zero)
        }
        #expect(try prices.pricing(model: "gpt-unknown", at: Date()) == nil)
        let seeds = try prices.entries().filter { $0.createdBy == nil }
        #expect(seeds.map(\.id).sorted() == ["seed:cohorta-sim-main", "seed:cohorta-sim-mini"])
    }

    @Test func thePriceInForceIsTheLatestStartedEntry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try add("gpt-x", input: 3_000_000, output: 15_000_000, from: now, createdAt: now)
        let next = try add(
            "gpt-x", input: 2_000_000, output: 8_000_000, from: now.addingTimeInterval(Self.day), createdAt: now)
        #expect(try prices.pricing(model: "gpt-x", at: now.addingTimeInterval(-1)) == nil)
        #expect(try prices.pricing(model: "gpt-x", at: now) == first.pricing)
        #expect(try prices.pricing(model: "gpt-x", at: now.addingTimeInterval(Self.day - 1)) == first.pricing)
        #expect(try prices.pricing(model: "gpt-x", at: now.addingTimeInterval(Self.day)) == next.pricing)
        let stored = try prices.entries().filter { $0.model == "gpt-x" }
        #expect(Set(stored.map(\.id)) == [first.id, next.id])
        #expect(stored.first { $0.id == first.id } == first)
    }

    @Test func amongEqualStartsTheLastCreatedWins() throws {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try add("gpt-y", input: 1, output: 1, from: start, createdAt: start)
        let correction = try add("gpt-y", input: 2, output: 2, from: start, createdAt: start.addingTimeInterval(5))
        #expect(try prices.pricing(model: "gpt-y", at: start.addingTimeInterval(60)) == correction.pricing)
    }

    @Test func seedingAgainKeepsAnAdministratorsPrice() throws {
        let now = Date()
        let set = try add("cohorta-sim-main", input: 150_000, output: 600_000, from: now, createdAt: now)
        try MongoSchema.ensureIndexes(pool: fixture.pool, database: fixture.database)
        #expect(try prices.pricing(model: "cohorta-sim-main", at: now.addingTimeInterval(1)) == set.pricing)
        #expect(try prices.entries().count == 3)
    }

    @Test func settingsReplaceRoundTripsWithInactivePacks() throws {
        #expect(try settings.appSettings() == .defaults)
        var changed = AppSettings.defaults
        changed.trialCredits = Credits(10)
        changed.monthlyUSDQuota = MicroUSD(12_500_000)
        changed.creditPacks = [
            CreditPack(id: "starter", name: "Starter", priceCents: 4_900, credits: Credits(50), active: false),
            CreditPack(id: "team", name: "Team", priceCents: 99_900, credits: Credits(1_500)),
        ]
        try settings.replace(with: changed)
        #expect(try settings.appSettings() == changed)
        changed.focusGroupRunCost = Credits(0)
        try settings.replace(with: changed)
        #expect(try settings.appSettings() == changed)
    }

    @Test func aPackActiveFlagStoredAsAnIntegerOrMissingIsRead() throws {
        try fixture.withDatabase { database in
            try database.collection(MongoCollectionName.appSettings).insertOne([
                "_id": "credits",
                "credit_packs": [
                    ["id": "a", "name": "A", "price_cents": 500, "credits": 5, "active": 0],
                    ["id": "b", "name": "B", "price_cents": 900, "credits": 9, "active": 1],
                    ["id": "c", "name": "C", "price_cents": 100, "credits": 1],
                ],
            ])
        }
        #expect(try settings.appSettings().creditPacks.map(\.active) == [false, true, true])
    }

    @Test func sessionsAreCountedPerOwner() throws {
        let ada = ObjectID()
        let bob = ObjectID()
        try fixture.withDatabase { database in
            for owner in [ada, ada, bob] {
                try database.collection(MongoCollectionName.sessions).insertOne([
                    "_id": .objectID(ObjectID()), "user_id": .objectID(owner),
                ])
            }
        }
        let counter = MongoSessionCounter(pool: fixture.pool, database: fixture.database)
        #expect(try counter.sessionCount(of: UserID(ada.hex)) == 2)
        #expect(try counter.sessionCount(of: UserID(bob.hex)) == 1)
        #expect(try counter.sessionCount(of: UserID("not-an-id")) == 0)
    }
}
