import BSON
import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoBillingStoreTests {
    struct Stores {
        let fixture: MongoFixture
        let users: MongoUserStore
        let ledger: MongoLedgerStore
        let checkouts: MongoCheckoutStore
        let events: MongoPaymentEventStore
        let flags: MongoAccountFlagStore

        init() throws {
            fixture = try MongoFixture()
            users = MongoUserStore(pool: fixture.pool, database: fixture.database)
            ledger = MongoLedgerStore(pool: fixture.pool, database: fixture.database)
            checkouts = MongoCheckoutStore(pool: fixture.pool, database: fixture.database)
            events = MongoPaymentEventStore(pool: fixture.pool, database: fixture.database)
            flags = MongoAccountFlagStore(pool: fixture.pool, database: fixture.database)
        }

        var fulfilment: PaymentFulfilment {
            PaymentFulfilment(
                checkouts: checkouts, ledger: ledger, flags: flags, settings: StaticSettings(), clock: SystemClock())
        }

        func newUser() throws -> UserID {
            let address = try #require(EmailAddress("u\(ObjectID().hex)@example.com"))
            return try users.insert(
                NewUser(
                    email: address, passwordHash: PasswordHash("$2b$12$hash"), role: .user, trialCredits: Credits(50),
                    createdAt: Date(timeIntervalSince1970: 1_700_000_000))
            ).id
        }

        func openCheckout(for user: UserID, id: String = "cs_test_\(ObjectID().hex)") throws -> CheckoutRecord {
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            return try checkouts.insertIfAbsent(
                CheckoutRecord(
                    id: try #require(CheckoutSessionID(id)), userID: user, packID: "starter", credits: Credits(50),
                    amountCents: 4900, status: .open, granted: false, paymentIntent: nil, createdAt: now,
                    updatedAt: now))
        }

        func balance(_ user: UserID) throws -> Int64 { try #require(try users.user(id: user)).creditsBalance.value }
    }

    static func completed(_ record: CheckoutRecord, status: CheckoutSessionEvent.PaymentStatus = .paid) -> PaymentEvent
    {
        PaymentEvent(
            id: "evt_\(ObjectID().hex)", type: "checkout.session.completed",
            kind: .checkoutCompleted(
                CheckoutSessionEvent(
                    session: record.id, userID: record.userID, packID: "starter", amountTotal: 4900, currency: "usd",
                    paymentStatus: status, paymentIntent: PaymentReference("pi_\(record.id.rawValue)"))))
    }

    static func refund(_ record: CheckoutRecord, refunded: Int64) -> PaymentEvent {
        PaymentEvent(
            id: "evt_\(ObjectID().hex)", type: "charge.refunded",
            kind: .chargeRefunded(
                ChargeRefund(
                    charge: nil, paymentIntent: PaymentReference("pi_\(record.id.rawValue)"), amount: 4900,
                    amountRefunded: refunded, userID: record.userID, credits: Credits(50))))
    }

    @Test func checkoutRoundTripsAndInsertIfAbsentKeepsTheFirst() throws {
        let stores = try Stores()
        let user = try stores.newUser()
        let record = try stores.openCheckout(for: user, id: "cs_test_roundtrip")
        #expect(try stores.checkouts.checkout(id: record.id) == record)
        var other = record
        other.status = .expired
        #expect(try stores.checkouts.insertIfAbsent(other) == record)
        #expect(try stores.checkouts.checkout(id: try #require(CheckoutSessionID("cs_test_missing"))) == nil)
    }

    @Test func transitionsAreConditionalAndAGrantIsFinal() throws {
        let stores = try Stores()
        let record = try stores.openCheckout(for: try stores.newUser())
        let pi = try #require(PaymentReference("pi_1"))
        let at = Date(timeIntervalSince1970: 1_800_000_100)
        #expect(try stores.checkouts.transition(record.id, to: .unpaid, from: [.open], paymentIntent: pi, at: at))
        #expect(try stores.checkouts.checkout(paymentIntent: pi)?.id == record.id)
        #expect(try !stores.checkouts.transition(record.id, to: .unpaid, from: [.open], paymentIntent: nil, at: at))
        try stores.checkouts.markGranted(record.id, paymentIntent: pi, at: at)
        #expect(
            try !stores.checkouts.transition(
                record.id, to: .expired, from: [.open, .unpaid], paymentIntent: nil, at: at))
        let stored = try #require(try stores.checkouts.checkout(id: record.id))
        #expect(stored.status == .paid && stored.granted && stored.paymentIntent == "pi_1")
    }

    @Test func eventArrivalsAreNewUnfinishedThenProcessed() throws {
        let stores = try Stores()
        let at = Date()
        #expect(try stores.events.recordArrival(id: "evt_a", type: "x", at: at) == .new)
        #expect(try stores.events.recordArrival(id: "evt_a", type: "x", at: at) == .unfinished)
        try stores.events.markProcessed(id: "evt_a", at: at)
        #expect(try stores.events.recordArrival(id: "evt_a", type: "x", at: at) == .processed)
    }

    @Test func disputesFlagTheAccountOnce() throws {
        let stores = try Stores()
        let user = try stores.newUser()
        #expect(try !stores.flags.isDisputed(user))
        try stores.flags.flagDisputed(user, dispute: "dp_1", at: Date())
        try stores.flags.flagDisputed(user, dispute: "dp_1", at: Date())
        try stores.flags.flagDisputed(user, dispute: "dp_2", at: Date())
        #expect(try stores.flags.isDisputed(user))
        let stored = try stores.fixture.withDatabase {
            try $0.collection("account_flags").findOne(["_id": .string(user.rawValue)])
        }
        #expect(stored?["dispute_ids"] == .array([.string("dp_1"), .string("dp_2")]))
    }

    @Test func concurrentDuplicateGrantsOverTheRealLedgerGrantOnce() throws {
        let stores = try Stores()
        let user = try stores.newUser()
        let record = try stores.openCheckout(for: user)
        let fulfilment = stores.fulfilment
        let failures = Mutex(0)
        onThreads(20) { _ in
            do { _ = try fulfilment.apply(Self.completed(record)) } catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try stores.balance(user) == 100)
        #expect(try stores.ledger.ledgerSum(of: user).value == 100)
        #expect(try stores.checkouts.checkout(id: record.id)?.granted == true)
    }

    @Test func refundsClawBackCumulativelyBelowZeroAndConcurrently() throws {
        let stores = try Stores()
        let user = try stores.newUser()
        let record = try stores.openCheckout(for: user)
        let fulfilment = stores.fulfilment
        _ = try fulfilment.apply(Self.completed(record))
        _ = try stores.ledger.apply(
            LedgerChange(
                userID: user, amount: Credits(-95), kind: .debit, reason: "runs",
                idempotencyKey: try #require(IdempotencyKey("spend:\(user)")), at: Date()))
        let levels: [Int64] = [980, 2450, 4900, 2450, 980, 4900]
        onThreads(levels.count * 2) { index in
            _ = try? fulfilment.apply(Self.refund(record, refunded: levels[index % levels.count]))
        }
        #expect(try stores.balance(user) == -45)
        #expect(try stores.ledger.ledgerSum(of: user).value == -45)
        // A negative balance blocks debits.
        #expect(throws: DomainError.self) {
            try stores.ledger.apply(
                LedgerChange(
                    userID: user, amount: Credits(-1), kind: .debit, reason: "runs",
                    idempotencyKey: try #require(IdempotencyKey("spend2:\(user)")), at: Date()))
        }
    }
}
