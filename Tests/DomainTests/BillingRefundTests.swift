import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

@Suite struct BillingRefundTests {
    @Test(arguments: [
        (50, 4900, 4900, 50), (50, 4900, 2450, 25), (50, 4900, 1, 0), (50, 4900, 4899, 49), (220, 19_900, 10_000, 110),
        (50, 4900, 0, 0), (50, 0, 0, 0), (50, 4900, 9999, 50),
    ])
    func clawbackIsTheFloorOfTheRefundedShare(credits: Int64, amount: Int64, refunded: Int64, expected: Int64) {
        #expect(
            RefundClawback.cumulativeCredits(of: Credits(credits), amount: amount, refunded: refunded)
                == Credits(expected))
    }

    @Test func partialThenFullRefundClawsBackCumulatively() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user))
        #expect(try f.balance(user) == 100)
        let partial = BillingFixture.refund(session, user: user, refunded: 1000)  // floor(50 × 1000/4900) = 10
        try f.deliver(partial)
        #expect(try f.balance(user) == 90)
        try f.deliver(partial.replacingOccurrences(of: #""id":"evt_"#, with: #""id":"evt_re"#))  // redelivered
        #expect(try f.balance(user) == 90)
        try f.deliver(BillingFixture.refund(session, user: user, refunded: 4900))
        #expect(try f.balance(user) == 50)
        // The older partial event arriving late changes nothing.
        try f.deliver(BillingFixture.refund(session, user: user, refunded: 1000))
        #expect(try f.balance(user) == 50)
        let refunds = try f.accounts.accounts.entries(of: user, page: try #require(PageRequest(page: 1, perPage: 50)))
            .items.filter { $0.kind == .refund }.map(\.amount.value)
        #expect(refunds.sorted() == [-40, -10])
        #expect(try f.ledgerIsConsistent(user))
    }

    @Test func aRefundMayTakeTheBalanceBelowZeroWhichBlocksDebits() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user))
        let spend = LedgerChange(
            userID: user, amount: Credits(-90), kind: .debit, reason: "runs",
            idempotencyKey: try #require(IdempotencyKey("spend:1")), at: Date())
        _ = try f.accounts.accounts.apply(spend)
        try f.deliver(BillingFixture.refund(session, user: user, refunded: 4900))
        #expect(try f.balance(user) == -40)
        let more = LedgerChange(
            userID: user, amount: Credits(-1), kind: .debit, reason: "runs",
            idempotencyKey: try #require(IdempotencyKey("spend:2")), at: Date())
        #expect(throws: DomainError.self) { try f.accounts.accounts.apply(more) }
        #expect(try f.ledgerIsConsistent(user))
    }

    @Test func concurrentRefundEventsAtDifferentLevelsNeverOvershoot() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user))
        let levels = [1000, 2450, 4900, 1000, 2450, 4900, 3000, 4900]
        runOnThreads(levels.count * 3) { index in
            _ = try? f.deliver(BillingFixture.refund(session, user: user, refunded: levels[index % levels.count]))
        }
        #expect(try f.balance(user) == 50)
        #expect(try f.ledgerIsConsistent(user))
    }

    @Test func aDisputeFlagsTheAccount() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user))
        let outcome = try f.deliver(BillingFixture.dispute(session))
        guard case .processed(_, .flaggedDisputed(user, dispute: "dp_\(session)")) = outcome else {
            Issue.record("expected a flag, got \(outcome)")
            return
        }
        #expect(try f.billing.isDisputed(user))
        #expect(try f.balance(user) == 100)
    }

    /// All 24 orders of {completed(unpaid), async succeeded, full refund, dispute}, each event delivered twice:
    /// the same final ledger every time (a refund before the grant overdraws, the grant then evens it out).
    @Test func everyOrderingGivesTheSameLedger() throws {
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { i in
                permutations(Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
            }
        }
        for order in permutations([0, 1, 2, 3]) {
            let f = BillingFixture()
            let (user, session) = try f.userWithCheckout()
            let events = [
                BillingFixture.session(
                    "checkout.session.completed", session, user: user, eventID: "evt_c", paymentStatus: "unpaid"),
                BillingFixture.session(
                    "checkout.session.async_payment_succeeded", session, user: user, eventID: "evt_a"),
                BillingFixture.refund(session, user: user, refunded: 4900, eventID: "evt_r"),
                BillingFixture.dispute(session, eventID: "evt_d"),
            ]
            // Like Stripe: an event answered 503 (a dispute nobody can attribute yet) comes again later.
            for index in order + order {
                do { try f.deliver(events[index]) } catch let error as DomainError where error.code == .unavailable {}
            }
            #expect(try f.balance(user) == 50, "order \(order)")
            #expect(try f.ledgerIsConsistent(user), "order \(order)")
            let record = try #require(try f.billing.checkout(id: session))
            #expect(record.granted && record.status == .paid, "order \(order)")
            #expect(try f.billing.isDisputed(user), "order \(order)")
        }
    }

    @Test func partialAndFullRefundsInEitherOrderAroundTheGrant() throws {
        for order in [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            let f = BillingFixture()
            let (user, session) = try f.userWithCheckout()
            let events = [
                BillingFixture.session("checkout.session.completed", session, user: user),
                BillingFixture.refund(session, user: user, refunded: 2450),
                BillingFixture.refund(session, user: user, refunded: 4900),
            ]
            for index in order { try f.deliver(events[index]) }
            #expect(try f.balance(user) == 50, "order \(order)")
        }
    }
}
