internal import BSON
internal import Domain

/// The second half of every ledger change: turning `users.pending_ledger` items into
/// `credit_transactions` entries. Shared by `MongoLedgerStore.apply`, `reconcile` and user creation,
/// so a crash at any point is repaired by the same code that runs normally. Runs on the caller's
/// thread with the caller's lent client.
enum PendingLedger {
    enum Settlement {
        /// The item's entry exists (written now or by an earlier reconcile) and the item is gone.
        case recorded(LedgerEntryDocument)
        /// Another entry already owned the key, so the item's balance change was reverted.
        case reverted(existing: LedgerEntryDocument)
    }

    /// Writes the item's entry, then pulls the item. When the key is taken by a different entry (a
    /// concurrent same-key call won between its step 1 and our step 2), reverts the item instead.
    static func settle(
        _ item: PendingLedgerItem, of user: ObjectID, balanceAfter: Credits, in database: MongoDatabase
    ) throws -> Settlement {
        let entries = database.collection(MongoCollectionName.creditTransactions)
        let users = database.collection(MongoCollectionName.users)
        var entry = item.entry(of: user, balanceAfter: balanceAfter)
        do {
            try entries.insertOne(encoding: entry)
        } catch let error as MongoError where error.code == .duplicateKey {
            guard
                let existing = try entries.findOne(
                    ["idempotency_key": .string(item.key.value)], as: LedgerEntryDocument.self)
                    ?? entries.findOne(["_id": .objectID(item.entryID)], as: LedgerEntryDocument.self)
            else { throw error }
            guard existing.id == item.entryID else {
                _ = try users.findOneAndUpdate(
                    LedgerDocuments.pendingFilter(user: user, item: item), LedgerDocuments.revertUpdate(item: item))
                return .reverted(existing: existing)
            }
            entry = existing
        }
        try users.updateOne(["_id": .objectID(user)], LedgerDocuments.completeUpdate(item: item))
        return .recorded(entry)
    }

    /// Settles every pending item of the user (crash recovery). Cheap when there are none.
    static func settleAll(of user: ObjectID, in database: MongoDatabase) throws {
        let users = database.collection(MongoCollectionName.users)
        guard let document = try users.findOne(["_id": .objectID(user)], as: UserDocument.self),
            let pending = document.pendingLedger, !pending.isEmpty
        else { return }
        let balances = PendingLedgerItem.recoveredBalances(of: pending, currentBalance: document.creditsBalance)
        for (item, balance) in zip(pending, balances) {
            _ = try settle(item, of: user, balanceAfter: balance, in: database)
        }
    }
}
