import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

/// `MongoActivityHistory` against nx-27017: every visit reads only its interval through a cursor, and the
/// Stripe entries are priced from the checkout sessions their keys name.
@Suite(.nxServer)
struct MongoActivityHistoryTests {
    let fixture: MongoFixture
    let history: MongoActivityHistory
    let users: MongoUserStore
    let ledger: MongoLedgerStore
    let checkouts: MongoCheckoutStore
    /// 2027-01-15 00:00 UTC; the interval is that day.
    let day = Date(timeIntervalSince1970: 1_800_000_000 - 28_800)
    var interval: DateInterval { DateInterval(start: day, duration: 86_400) }

    init() throws {
        fixture = try MongoFixture()
        history = MongoActivityHistory(pool: fixture.pool, database: fixture.database)
        users = MongoUserStore(pool: fixture.pool, database: fixture.database)
        ledger = MongoLedgerStore(pool: fixture.pool, database: fixture.database)
        checkouts = MongoCheckoutStore(pool: fixture.pool, database: fixture.database)
    }

    func user(_ name: String, at: Date) throws -> UserID {
        try users.insert(
            NewUser(
                email: try #require(EmailAddress("\(name)@example.com")), passwordHash: PasswordHash("$2b$12$hash"),
                role: .user, trialCredits: .zero, createdAt: at)
        ).id
    }

    @Test func usageEventsAreVisitedOnlyInsideTheInterval() throws {
        let usage = MongoUsageEventStore(pool: fixture.pool, database: fixture.database)
        let ada = try user("ada", at: day)
        for (offset, cost) in [(-1.0, 1), (0, 20), (86_399, 300), (86_400, 4_000)] {
            try usage.record(
                UsageEvent(
                    userID: ada, feature: .summary, objectReference: nil, model: "m",
                    usage: TokenUsage(promptTokens: 1, completionTokens: 2), cost: MicroUSD(Int64(cost)),
                    replayed: false, createdAt: day.addingTimeInterval(offset)))
        }
        var costs: [Int64] = []
        try history.visitUsageEvents(in: interval) { costs.append($0.cost.value) }
        #expect(costs.sorted() == [20, 300])
    }

    @Test func signupsPersonasSessionsAndStripeMoneyAreVisitedWithTheirUsers() throws {
        let ada = try user("ada", at: day.addingTimeInterval(60))
        _ = try user("old", at: day.addingTimeInterval(-60))
        let adaID = try #require(ObjectID(hex: ada.rawValue))
        try fixture.withDatabase { database in
            for (collection, offset) in [("personas", 120.0), ("personas", -120), ("sessions", 180)] {
                try database.collection(collection).insertOne([
                    "_id": .objectID(ObjectID()), "user_id": .objectID(adaID),
                    "created_at": .date(day.addingTimeInterval(offset)),
                ])
            }
        }
        let session = try #require(CheckoutSessionID("cs_test_\(ObjectID().hex)"))
        let payment = try #require(PaymentReference("pi_\(ObjectID().hex)"))
        let at = day.addingTimeInterval(600)
        _ = try checkouts.insertIfAbsent(
            CheckoutRecord(
                id: session, userID: ada, packID: "starter", credits: Credits(50), amountCents: 4_900,
                status: .open, granted: false, paymentIntent: payment.rawValue, createdAt: at, updatedAt: at))
        for (amount, kind, key) in [
            (Int64(50), LedgerKind.purchase, IdempotencyKey.checkoutGrant(session)),
            (-25, .refund, .refundClawback(payment: payment, step: 0)),
            (7, .adminAdjustment, IdempotencyKey(scope: "admin", unique: UUID())),
        ] {
            _ = try ledger.apply(
                LedgerChange(
                    userID: ada, amount: Credits(amount), kind: kind, reason: "test", idempotencyKey: key, at: at))
        }

        var events: [String] = []
        try history.visitBusinessEvents(in: interval) { event in
            #expect(event.userID == ada)
            switch event {
            case .signup: events.append("signup")
            case .personaCreated: events.append("persona")
            case .sessionStarted: events.append("session")
            case .payment(let movement): events.append("payment \(movement.cents)")
            }
        }
        #expect(events.sorted() == ["payment -2450", "payment 4900", "persona", "session", "signup"])
    }

    @Test func emailsAreLookedUpInBatchesAndUnknownUsersLeftOut() throws {
        let ids = try (0..<3).map { try user("u\($0)", at: day) }
        let emails = try history.emails(of: Set(ids + [UserID(ObjectID().hex), UserID("not-an-id")]))
        #expect(emails.count == 3 && emails[ids[1]]?.value == "u1@example.com")
    }
}
