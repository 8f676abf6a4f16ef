import Domain
import Foundation
import HTTPCore

/// /api/admin/*: operator actions. Every route checks the caller is an admin (inside the use case).
struct AdminRoutes {
    private struct Adjustment: Decodable {
        let amount: JSONInteger
        let reason: String
    }

    private struct Adjusted: Encodable {
        let balance: Int64
        let entry: LedgerEntryRepresentation
        let replayed: Bool
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.post, "/api/admin/users/:id/credits") { request, _, parameters in
            let actor = try app.authenticatedUser(request)
            let body = try request.decode(Adjustment.self)
            let outcome = try app.adjustCredits(
                by: actor, for: UserID(parameters["id"] ?? ""), amount: body.amount.value, reason: body.reason,
                idempotencyKey: try Self.idempotencyKey(request))
            let replayed = if case .alreadyApplied = outcome { true } else { false }
            let balance = try app.users.user(id: outcome.entry.userID)?.creditsBalance ?? outcome.entry.balanceAfter
            return .json(
                Adjusted(balance: balance.value, entry: LedgerEntryRepresentation(outcome.entry), replayed: replayed))
        }
    }

    /// The client's `Idempotency-Key` header, or a fresh key when it sent none.
    private static func idempotencyKey(_ request: HTTPRequest) throws -> IdempotencyKey {
        guard let header = request.headers["Idempotency-Key"] else {
            return IdempotencyKey(scope: "admin", unique: UUID())
        }
        guard let key = IdempotencyKey(scope: "admin", clientKey: header) else {
            throw DomainError.invalid(
                "Idempotency-Key",
                "Idempotency-Key must be 1–\(IdempotencyKey.maximumClientKeyLength) printable ASCII characters.")
        }
        return key
    }
}
