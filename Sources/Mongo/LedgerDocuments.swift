internal import BSON
internal import Domain

/// The filters and updates of the ledger algorithm, built without I/O so they can be unit-tested.
enum LedgerDocuments {
    /// Step 2's guard: the user exists, this key is not pending right now, and for a debit the balance
    /// covers it. All three hold atomically with the update, so there is no lost update and no overdraft.
    static func applyFilter(user: ObjectID, item: PendingLedgerItem) -> BSONDocument {
        var pairs: [(String, BSONValue)] = [
            ("_id", .objectID(user)),
            ("pending_ledger.key", ["$ne": .string(item.key.value)]),
        ]
        if item.amount < .zero {
            pairs.append(("credits_balance", ["$gte": .int64(item.amount.magnitude.value)]))
        }
        return BSONDocument(pairs)
    }

    /// Step 2's update: move the balance and record the change as pending, in one document write.
    static func applyUpdate(item: PendingLedgerItem) throws -> BSONDocument {
        [
            "$inc": ["credits_balance": .int64(item.amount.value)],
            "$push": ["pending_ledger": try BSONEncoder().encodeValue(item)],
        ]
    }

    /// Matches the user only while this item is still pending, so a revert happens at most once.
    static func pendingFilter(user: ObjectID, item: PendingLedgerItem) -> BSONDocument {
        ["_id": .objectID(user), "pending_ledger.entry_id": .objectID(item.entryID)]
    }

    /// Undoes an item whose key another entry already owns: give the amount back and drop the item.
    static func revertUpdate(item: PendingLedgerItem) -> BSONDocument {
        [
            "$inc": ["credits_balance": .int64(-item.amount.value)],
            "$pull": ["pending_ledger": ["entry_id": .objectID(item.entryID)]],
        ]
    }

    /// Drops a completed item (its entry exists).
    static func completeUpdate(item: PendingLedgerItem) -> BSONDocument {
        ["$pull": ["pending_ledger": ["entry_id": .objectID(item.entryID)]]]
    }

    static func insufficientCredits(needed: Credits, balance: Credits) -> DomainError {
        DomainError(.insufficientCredits, "Not enough credits: this needs \(needed), your balance is \(balance).")
    }
}
