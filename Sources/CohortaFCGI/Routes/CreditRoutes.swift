import Domain
import HTTPCore

/// /api/credits: the signed-in user's balance and ledger history.
struct CreditRoutes {
    private struct Statement: Encodable {
        let balance: Int64
        let items: [LedgerEntryRepresentation]
        let page: Int
        let perPage: Int
        let total: Int

        enum CodingKeys: String, CodingKey {
            case balance, items, page, total
            case perPage = "per_page"
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/credits") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let statement = try app.creditHistory(for: user.id, page: try PageRequest(query: request.query))
            return .json(
                Statement(
                    balance: statement.balance.value,
                    items: statement.entries.items.map(LedgerEntryRepresentation.init),
                    page: statement.entries.page, perPage: statement.entries.perPage, total: statement.entries.total))
        }
    }
}

extension PageRequest {
    /// Reads `page` and `per_page` from a query string; anything out of range is a field error, not a silent clamp.
    init(query: [String: String]) throws {
        func number(_ name: String, default fallback: Int) throws -> Int {
            guard let raw = query[name] else { return fallback }
            guard let value = Int(raw) else { throw DomainError.invalid(name, "\(name) must be a whole number.") }
            return value
        }
        let page = try number("page", default: 1)
        let perPage = try number("per_page", default: 20)
        guard let request = PageRequest(page: page, perPage: perPage) else {
            throw DomainError.invalid(
                page < 1 ? "page" : "per_page",
                "page must be at least 1 and per_page between 1 and \(PageRequest.maximumPerPage).")
        }
        self = request
    }
}
