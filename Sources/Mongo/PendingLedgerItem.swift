internal import BSON
internal import Domain
internal import Foundation

/// One element of `users.pending_ledger`: a change already applied to `credits_balance` whose ledger
/// entry (`_id` = `entryID`) may not be written yet. Pushed atomically with the balance change.
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

    init(_ change: LedgerChange, entryID: ObjectID) {
        key = change.idempotencyKey
        self.entryID = entryID
        amount = change.amount
        kind = change.kind
        reason = change.reason
        at = change.at
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
