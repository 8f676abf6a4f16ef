import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct SettingsAdministrationTests {
    let fixture = AccountsFixture()
    let store = InMemorySettings()

    var administration: SettingsAdministration {
        SettingsAdministration(store: store, audit: fixture.audit, clock: fixture.clock, cacheLifetime: 60)
    }

    func admin() throws -> User {
        try fixture.accounts.setRole(.admin, of: try fixture.signedInUser("root@example.com").user.id)
    }

    static func pack(_ id: String, cents: Int64 = 4_900, credits: Int64 = 50, active: Bool = true) -> CreditPack {
        CreditPack(id: id, name: id.capitalized, priceCents: cents, credits: Credits(credits), active: active)
    }

    @Test func aChangeIsStoredAndAuditedFieldByField() throws {
        let root = try admin()
        var new = AppSettings.defaults
        new.trialCredits = Credits(20)
        new.monthlyUSDQuota = MicroUSD(75_000_000)
        new.creditPacks = [Self.pack("starter", active: false), Self.pack("pro", cents: 19_900, credits: 220)]
        _ = try administration.replace(by: root, with: new)
        #expect(try store.appSettings() == new)
        let entry = try #require(fixture.audit.all.last)
        #expect(entry.action == .updateSettings)
        #expect(entry.details["trial_credits"] == "50 → 20")
        #expect(entry.details["monthly_quota_usd"] == "50.000000 → 75.000000")
        #expect(
            entry.details["credit_packs.starter"]
                == "Starter · 4900¢ · 50 cr · active → Starter · 4900¢ · 50 cr · inactive")
        #expect(entry.details["credit_packs.scale"] == "Scale · 49900¢ · 600 cr · active → none")
        #expect(entry.details["credit_packs"] == "starter, pro, scale → starter, pro")
        #expect(entry.details["persona_creation_cost"] == nil && entry.details["credit_packs.pro"] == nil)
    }

    @Test func onlyActivePacksAreOnSale() throws {
        var settings = AppSettings.defaults
        settings.creditPacks = [Self.pack("a", active: false), Self.pack("b")]
        #expect(settings.packsOnSale.map(\.id) == ["b"])
    }

    static func changed(_ change: (inout AppSettings) -> Void) -> AppSettings {
        var settings = AppSettings.defaults
        change(&settings)
        return settings
    }

    static let invalid: [(AppSettings, String)] = [
        (changed { $0.trialCredits = Credits(-1) }, "trial_credits"),
        (changed { $0.focusGroupRunCost = Credits(1_000_001) }, "focus_group_run_cost"),
        (changed { $0.monthlyUSDQuota = MicroUSD(100_000_000_001) }, "monthly_quota_usd"),
        (changed { $0.creditPacks = [] }, "credit_packs"),
        (changed { $0.creditPacks = (0..<13).map { pack("p\($0)") } }, "credit_packs"),
        (changed { $0.creditPacks = [pack("a", active: false)] }, "credit_packs"),
        (changed { $0.creditPacks = [pack("Big")] }, "credit_packs[0].id"),
        (changed { $0.creditPacks = [pack("a"), pack("a")] }, "credit_packs[1].id"),
        (changed { $0.creditPacks = [pack("a", cents: 49)] }, "credit_packs[0].price_cents"),
        (changed { $0.creditPacks = [pack("a", credits: 0)] }, "credit_packs[0].credits"),
        (
            changed { $0.creditPacks = [CreditPack(id: "a", name: "", priceCents: 100, credits: Credits(1))] },
            "credit_packs[0].name"
        ),
    ]

    @Test(arguments: invalid)
    func anInvalidChangeNamesItsFieldAndStoresNothing(new: AppSettings, field: String) throws {
        let root = try admin()
        let error = #expect(throws: DomainError.self) { try administration.replace(by: root, with: new) }
        #expect(error?.field == field)
        #expect(try store.appSettings() == .defaults && fixture.audit.all.isEmpty)
    }

    @Test func aNonAdministratorIsRefused() throws {
        let ada = try fixture.signedInUser().user
        #expect(throws: DomainError.self) { try administration.settings(by: ada) }
        let error = #expect(throws: DomainError.self) { try administration.replace(by: ada, with: .defaults) }
        #expect(error?.code == .forbidden)
    }

    @Test func aChangeReachesACachedReaderWithinTheCacheTime() throws {
        let root = try admin()
        let cached = CachedSettings(store: store, clock: fixture.clock, lifetime: administration.cacheLifetime)
        #expect(try cached.appSettings().trialCredits == Credits(50))
        var new = AppSettings.defaults
        new.trialCredits = Credits(5)
        _ = try administration.replace(by: root, with: new)
        #expect(try cached.appSettings().trialCredits == Credits(50))
        fixture.clock.advance(by: 60)
        #expect(try cached.appSettings().trialCredits == Credits(5))
    }
}
