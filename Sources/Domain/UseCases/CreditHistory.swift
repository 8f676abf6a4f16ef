/// A user's balance and a page of their ledger, newest first. Finishes any change a crash interrupted first,
/// so the page and the balance always agree.
public struct CreditHistory: Sendable {
    public struct Statement: Sendable {
        public let balance: Credits
        public let entries: Page<LedgerEntry>
    }

    private let users: any UserStore
    private let ledger: any LedgerStore

    public init(users: any UserStore, ledger: any LedgerStore) {
        self.users = users
        self.ledger = ledger
    }

    public func callAsFunction(for user: UserID, page: PageRequest) throws -> Statement {
        try ledger.reconcile(user)
        guard let current = try users.user(id: user) else { throw DomainError(.notFound, "No such user.") }
        return Statement(balance: current.creditsBalance, entries: try ledger.entries(of: user, page: page))
    }
}
