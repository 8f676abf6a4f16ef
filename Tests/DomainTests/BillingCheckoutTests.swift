import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct BillingCheckoutTests {
    @Test func createsASessionForAServerPackAndStoresItOpen() throws {
        let f = BillingFixture()
        let user = try f.accounts.signedInUser().user.id
        let (record, url) = try f.checkout(for: user, pack: "pro")
        #expect(url == "https://checkout.example/pay/cs_test_1")
        #expect(record.packID == "pro" && record.credits == Credits(220) && record.amountCents == 19_900)
        #expect(record.status == .open && !record.granted)
        let sent = try #require(f.gateway.requests.first)
        #expect(sent.successURL == "https://cohorta.example/billing?session_id={CHECKOUT_SESSION_ID}")
        #expect(sent.cancelURL == "https://cohorta.example/billing?canceled=1")
        #expect(sent.userID == user && sent.pack.id == "pro")
        #expect(sent.idempotencyKey.hasPrefix("cohorta-checkout-\(user.rawValue)-"))
        #expect(try f.billing.checkout(id: record.id) == record)
    }

    @Test func anUnknownPackIsAFieldErrorAndCallsNothing() throws {
        let f = BillingFixture()
        let user = try f.accounts.signedInUser().user.id
        #expect(throws: DomainError.invalid("pack", "Choose one of the packs on sale.")) {
            try f.checkout(for: user, pack: "gold")
        }
        #expect(f.gateway.requests.isEmpty)
    }

    @Test func anUnreachableStripeIsUnavailableAndStoresNothing() throws {
        let f = BillingFixture()
        let user = try f.accounts.signedInUser().user.id
        f.gateway.setFailing(true)
        #expect(throws: DomainError.self) { try f.checkout(for: user, pack: "starter") }
        #expect(f.billing.checkouts.isEmpty)
    }

    @Test func lookupShowsOnlyTheOwnersSession() throws {
        let f = BillingFixture()
        let (user, session) = try f.userWithCheckout()
        let other = try f.accounts.signedInUser("other@example.com").user.id
        let lookup = CheckoutLookup(checkouts: f.billing)
        #expect(try lookup(session.rawValue, of: user).id == session)
        #expect(throws: DomainError.self) { try lookup(session.rawValue, of: other) }
        #expect(throws: DomainError.self) { try lookup("../etc", of: user) }
    }

    @Test func catalogListsPacksAndBalance() throws {
        let f = BillingFixture()
        let user = try f.accounts.signedInUser().user.id
        let listing = try BillingCatalog(
            users: f.accounts.accounts, ledger: f.accounts.accounts, settings: f.accounts.settings)(
                for: user)
        #expect(listing.packs == CreditPack.defaults)
        #expect(listing.balance == Credits(50))
    }
}
