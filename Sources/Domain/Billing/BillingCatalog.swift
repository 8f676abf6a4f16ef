/// `GET /api/billing/packs`: the packs on sale (inactive ones hidden) and the user's balance.
public struct BillingCatalog: Sendable {
    public struct Listing: Sendable, Equatable {
        public let packs: [CreditPack]
        public let balance: Credits
    }

    private let users: any UserStore
    private let ledger: any LedgerStore
    private let settings: any SettingsStore

    public init(users: any UserStore, ledger: any LedgerStore, settings: any SettingsStore) {
        self.users = users
        self.ledger = ledger
        self.settings = settings
    }

    public func callAsFunction(for user: UserID) throws -> Listing {
        try ledger.reconcile(user)
        guard let current = try users.user(id: user) else { throw DomainError(.notFound, "No such user.") }
        return Listing(packs: try settings.appSettings().packsOnSale, balance: current.creditsBalance)
    }
}
