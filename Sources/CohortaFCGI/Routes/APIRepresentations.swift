import Domain
import Foundation

/// The public JSON shape of a user. Only these fields ever leave the server.
struct UserRepresentation: Encodable {
    let id: String
    let email: String
    let role: String
    let creditsBalance: Int64
    let createdAt: Date

    init(_ user: User) {
        id = user.id.rawValue
        email = user.email.value
        role = user.role.rawValue
        creditsBalance = user.creditsBalance.value
        createdAt = user.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, email, role
        case creditsBalance = "credits_balance"
        case createdAt = "created_at"
    }
}

/// A bearer token for the client, with its expiry and the user it belongs to.
struct SessionRepresentation: Encodable {
    let token: String
    let expiresAt: Date
    let user: UserRepresentation

    init(_ signedIn: SignedIn) {
        token = signedIn.token.token
        expiresAt = signedIn.token.expiresAt
        user = UserRepresentation(signedIn.user)
    }

    enum CodingKeys: String, CodingKey {
        case token, user
        case expiresAt = "expires_at"
    }
}

struct LedgerEntryRepresentation: Encodable {
    let id: String
    let amount: Int64
    let balanceAfter: Int64
    let kind: String
    let reason: String
    let createdAt: Date

    init(_ entry: LedgerEntry) {
        id = entry.id
        amount = entry.amount.value
        balanceAfter = entry.balanceAfter.value
        kind = entry.kind.rawValue
        reason = entry.reason
        createdAt = entry.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, amount, kind, reason
        case balanceAfter = "balance_after"
        case createdAt = "created_at"
    }
}

/// One page of a list: `{items, page, per_page, total}`, the shape of every paged route.
struct PageRepresentation<Item: Encodable>: Encodable {
    let items: [Item]
    let page: Int
    let perPage: Int
    let total: Int

    init<Value: Sendable>(_ page: Page<Value>, _ represent: (Value) -> Item) {
        items = page.items.map(represent)
        self.page = page.page
        perPage = page.perPage
        total = page.total
    }

    enum CodingKeys: String, CodingKey {
        case items, page, total
        case perPage = "per_page"
    }
}
