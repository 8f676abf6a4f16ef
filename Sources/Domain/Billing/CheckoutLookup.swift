/// `GET /api/billing/checkout/:id`: the return page polls the user's own session. Another user's
/// session, or an id that is not one, is "not found".
public struct CheckoutLookup: Sendable {
    private let checkouts: any CheckoutStore

    public init(checkouts: any CheckoutStore) {
        self.checkouts = checkouts
    }

    public func callAsFunction(_ rawID: String, of user: UserID) throws -> CheckoutRecord {
        guard let id = CheckoutSessionID(rawID), let record = try checkouts.checkout(id: id), record.userID == user
        else { throw DomainError(.notFound, "No such checkout.") }
        return record
    }
}
