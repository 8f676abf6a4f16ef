internal import BSON
internal import Domain
internal import Foundation

/// A `credit_transactions` document as stored (docs/contracts.md).
struct LedgerEntryDocument: Codable, Equatable {
    var id: ObjectID
    var userID: ObjectID
    var amount: Credits
    var balanceAfter: Credits
    var kind: LedgerKind
    var reason: String
    var idempotencyKey: IdempotencyKey
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case amount
        case balanceAfter = "balance_after"
        case kind
        case reason
        case idempotencyKey = "idempotency_key"
        case createdAt = "created_at"
    }

    var entry: LedgerEntry {
        LedgerEntry(
            id: id.hex, userID: UserID(userID.hex), amount: amount, balanceAfter: balanceAfter, kind: kind,
            reason: reason, idempotencyKey: idempotencyKey, createdAt: createdAt)
    }
}
