import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

@Suite struct BillingWebhookTests {
    @Test func aPaidCompletedSessionGrantsThePackOnce() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let event = BillingFixture.session("checkout.session.completed", session, user: user, eventID: "evt_1")
        guard case .processed(_, .granted(session, user, Credits(50))) = try f.deliver(event) else {
            Issue.record("expected a grant")
            return
        }
        #expect(try f.balance(user) == 100)
        // The same event again, and a fresh event saying the same: nothing more.
        #expect(try f.deliver(event) == .duplicate(try PaymentEvent(json: Array(event.utf8))))
        let again = try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user))
        guard case .processed(_, .alreadyGranted(session)) = again else {
            Issue.record("expected alreadyGranted, got \(again)")
            return
        }
        let record = try #require(try f.billing.checkout(id: session))
        #expect(record.status == .paid && record.granted && record.paymentIntent == "pi_\(session)")
        #expect(try f.ledgerIsConsistent(user))
    }

    @Test func creditsComeFromTheServerNeverFromMetadata() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user, credits: "999999"))
        #expect(try f.balance(user) == 100)
    }

    @Test func mismatchedAmountCurrencyOrUserNeedsReviewAndGrantsNothing() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let other = try f.accounts.signedInUser("other@example.com").user.id
        for event in [
            BillingFixture.session("checkout.session.completed", session, user: user, amount: 100),
            BillingFixture.session("checkout.session.completed", session, user: user, currency: "eur"),
            BillingFixture.session("checkout.session.completed", session, user: other),
        ] {
            guard case .processed(_, .needsReview) = try f.deliver(event) else {
                Issue.record("expected needsReview")
                continue
            }
        }
        #expect(try f.balance(user) == 50 && f.balance(other) == 50)
    }

    @Test func anUnknownSessionIsRebuiltFromThePackTableOrReviewed() throws {
        let f = BillingFixture()
        let user = try f.accounts.signedInUser().user.id
        let session = try #require(CheckoutSessionID("cs_test_elsewhere"))
        try f.deliver(
            BillingFixture.session("checkout.session.completed", session, user: user, amount: 19_900, pack: "pro"))
        #expect(try f.balance(user) == 270)
        let unknownPack = try #require(CheckoutSessionID("cs_test_nopack"))
        let outcome = try f.deliver(
            BillingFixture.session("checkout.session.completed", unknownPack, user: user, pack: "gold"))
        guard case .processed(_, .needsReview) = outcome else {
            Issue.record("expected needsReview, got \(outcome)")
            return
        }
    }

    @Test func unpaidThenAsyncSucceededGrantsOnlyOnSuccess() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        try f.deliver(
            BillingFixture.session("checkout.session.completed", session, user: user, paymentStatus: "unpaid"))
        #expect(try f.balance(user) == 50)
        #expect(try f.billing.checkout(id: session)?.status == .unpaid)
        try f.deliver(BillingFixture.session("checkout.session.async_payment_succeeded", session, user: user))
        #expect(try f.balance(user) == 100)
        #expect(try f.billing.checkout(id: session)?.status == .paid)
    }

    @Test func asyncFailedAndExpiredNeverGrantAndNeverUndoAGrant() throws {
        let f = BillingFixture()
        let (user, failing) = try f.userWithCheckout()
        try f.deliver(
            BillingFixture.session("checkout.session.completed", failing, user: user, paymentStatus: "unpaid"))
        try f.deliver(BillingFixture.session("checkout.session.async_payment_failed", failing, user: user))
        #expect(try f.billing.checkout(id: failing)?.status == .failed)
        let (_, expiring) = try f.userWithCheckout("second@example.com")
        let secondUser = try #require(try f.billing.checkout(id: expiring)).userID
        try f.deliver(
            BillingFixture.session("checkout.session.expired", expiring, user: secondUser, paymentStatus: "unpaid"))
        #expect(try f.billing.checkout(id: expiring)?.status == .expired)
        #expect(try f.balance(user) == 50 && f.balance(secondUser) == 50)
        // Paid, then a stray expired/failed: still paid and granted.
        let (_, paid) = try f.userWithCheckout("third@example.com")
        let thirdUser = try #require(try f.billing.checkout(id: paid)).userID
        try f.deliver(BillingFixture.session("checkout.session.completed", paid, user: thirdUser))
        try f.deliver(BillingFixture.session("checkout.session.expired", paid, user: thirdUser))
        try f.deliver(BillingFixture.session("checkout.session.async_payment_failed", paid, user: thirdUser))
        let record = try #require(try f.billing.checkout(id: paid))
        #expect(record.status == .paid && record.granted)
        #expect(try f.balance(thirdUser) == 100)
    }

    @Test func unknownTypesAreAcknowledgedAndIgnored() throws {
        let f = BillingFixture()
        let outcome = try f.deliver(#"{"id":"evt_x","type":"customer.created","data":{"object":{"id":"cus_1"}}}"#)
        guard case .processed(_, .ignored(type: "customer.created")) = outcome else {
            Issue.record("expected ignored, got \(outcome)")
            return
        }
    }

    @Test func badSignaturesAndMalformedBodiesAreRejectedBeforeAnything() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let event = BillingFixture.session("checkout.session.completed", session, user: user)
        #expect(throws: DomainError(.invalidSignature, "The webhook signature is not valid.", detail: "test verifier"))
        {
            try f.deliver(event, header: "forged")
        }
        for junk in [
            "", "[]", "{", #"{"id":"evt_1"}"#, #"{"id":"evt_1","type":"x","data":{}}"#,
            #"{"id":"evt 1","type":"x","data":{"object":{}}}"#,
            #"{"id":"evt_1","type":"checkout.session.completed","data":{"object":{"id":"nope"}}}"#,
            #"{"id":"evt_1","type":"charge.refunded","data":{"object":{"id":"ch_1"}}}"#,
        ] {
            #expect(throws: DomainError.self, "\(junk)") { try f.deliver(junk) }
        }
        #expect(try f.balance(user) == 50)
    }

    @Test func anEventWhoseFirstDeliveryDiedIsProcessedOnRedelivery() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let event = BillingFixture.session("checkout.session.completed", session, user: user, eventID: "evt_died")
        // The first delivery recorded the arrival and died before granting.
        #expect(try f.billing.recordArrival(id: "evt_died", type: "checkout.session.completed", at: Date()) == .new)
        try f.deliver(event)
        #expect(try f.balance(user) == 100)
        // Died after the grant but before marking it processed: the redelivery grants nothing more.
        #expect(try f.billing.recordArrival(id: "evt_other", type: "x", at: Date()) == .new)
        try f.deliver(BillingFixture.session("checkout.session.completed", session, user: user, eventID: "evt_other"))
        #expect(try f.balance(user) == 100)
    }

    @Test func fiftyConcurrentDuplicatesGrantOnce() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let same = BillingFixture.session("checkout.session.completed", session, user: user, eventID: "evt_storm")
        let failures = Mutex(0)
        runOnThreads(50) { index in
            // Half replay the identical event, half are distinct events for the same session.
            let event =
                index.isMultiple(of: 2)
                ? same
                : BillingFixture.session("checkout.session.async_payment_succeeded", session, user: user)
            do { try f.deliver(event) } catch { failures.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(try f.balance(user) == 100)
        let grants = try f.accounts.accounts.entries(of: user, page: try #require(PageRequest(page: 1, perPage: 100)))
            .items.filter { $0.kind == .purchase }
        #expect(grants.count == 1)
    }
}
