internal import BSON
internal import Domain
internal import Foundation

/// One element of `users.pending_ledger`: a change already applied to `credits_balance` whose ledger
/// entry (`_id` = `entryID`) may not be written yet. Pushed atomically with the balance change.
/// `entry_id` is stored as hex: filters match it inside the array, and nx-27017 cannot match
/// ObjectIds on paths other than `_id`.
struct PendingLedgerItem: Codable, Equatable {
    var key: IdempotencyKey
    var entryID: ObjectID
    var amount: Credits
    var kind: LedgerKind
    var reason: String
    var at: Date

    enum CodingKeys: String, CodingKey {
        case key
        case entryID = "entry_id"
        case amount
        case kind
        case reason
        case at
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let hex = try container.decode(String.self, forKey: .entryID)
        guard let entryID = ObjectID(hex: hex) else {
            throw BSONError(.typeMismatch, "A pending ledger item has a malformed entry_id.")
        }
        self.entryID = entryID
        key = try container.decode(IdempotencyKey.self, forKey: .key)
        amount = try container.decode(Credits.self, forKey: .amount)
        kind = try container.decode(LedgerKind.self, forKey: .kind)
        reason = try container.decode(String.self, forKey: .reason)
        at = try container.decode(Date.self, forKey: .at)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(entryID.hex, forKey: .entryID)
        try container.encode(amount, forKey: .amount)
        try container.encode(kind, forKey: .kind)
        try container.encode(reason, forKey: .reason)
        try container.encode(at, forKey: .at)
    }

    init(_ change: LedgerChange, entryID: ObjectID) {
        key = change.idempotencyKey
        self.entryID = entryID
        amount = change.amount
        kind = change.kind
        reason = change.reason
        at = change.at.millisecondPrecision
    }

    /// The entry this item becomes.
    func entry(of user: ObjectID, balanceAfter: Credits) -> LedgerEntryDocument {
        LedgerEntryDocument(
            id: entryID, userID: user, amount: amount, balanceAfter: balanceAfter, kind: kind, reason: reason,
            idempotencyKey: key, createdAt: at)
    }

    /// Best-effort `balance_after` for items recovered after a crash: items are pushed in order and the
    /// current balance already includes all of them, so item i's balance was the current balance minus
    /// the amounts of every later pending item.
    static func recoveredBalances(of items: [PendingLedgerItem], currentBalance: Credits) -> [Credits] {
        var balance = currentBalance
        var balances: [Credits] = []
        for item in items.reversed() {
            balances.append(balance)
            balance = balance + -item.amount
        }
        return balances.reversed()
    }
}
