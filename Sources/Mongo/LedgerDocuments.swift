internal import BSON
internal import Domain

/// The filters and updates of the ledger algorithm, built without I/O so they can be unit-tested.
enum LedgerDocuments {
    /// Step 2's guard: the user exists, this key is not pending right now, and for a debit the balance
    /// covers it (a refund clawback may overdraw: `LedgerKind.mayOverdraw`). All three hold atomically with the update, so there is no lost update and no overdraft.
    /// `$nin` rather than `$ne`: the same meaning on MongoDB, and nx-27017 mis-evaluates `$ne` on array
    /// paths (there the key clause is a no-op, and step 3's revert still keeps a key applied once).
    static func applyFilter(user: ObjectID, item: PendingLedgerItem) -> BSONDocument {
        var pairs: [(String, BSONValue)] = [
            ("_id", .objectID(user)),
            ("pending_ledger.key", ["$nin": [.string(item.key.value)]]),
        ]
        if item.amount < .zero, !item.kind.mayOverdraw {
            pairs.append(("credits_balance", ["$gte": .int64(item.amount.magnitude.value)]))
        }
        return BSONDocument(pairs)
    }

    /// Step 2's update: move the balance and record the change as pending, in one document write.
    /// `$addToSet` equals `$push` here (every item has its own entry_id); nx-27017 stores `$push`ed
    /// documents as JSON strings.
    static func applyUpdate(item: PendingLedgerItem) throws -> BSONDocument {
        [
            "$inc": ["credits_balance": .int64(item.amount.value)],
            "$addToSet": ["pending_ledger": try BSONEncoder().encodeValue(item)],
        ]
    }

    /// Matches the user only while this item is still pending, so a revert happens at most once.
    static func pendingFilter(user: ObjectID, item: PendingLedgerItem) -> BSONDocument {
        ["_id": .objectID(user), "pending_ledger.entry_id": .string(item.entryID.hex)]
    }

    /// Undoes an item whose key another entry already owns: give the amount back and drop the item.
    static func revertUpdate(item: PendingLedgerItem) -> BSONDocument {
        [
            "$inc": ["credits_balance": .int64(-item.amount.value)],
            "$pull": ["pending_ledger": ["entry_id": .string(item.entryID.hex)]],
        ]
    }

    /// Drops a completed item (its entry exists).
    static func completeUpdate(item: PendingLedgerItem) -> BSONDocument {
        ["$pull": ["pending_ledger": ["entry_id": .string(item.entryID.hex)]]]
    }

    static func insufficientCredits(needed: Credits, balance: Credits) -> DomainError {
        DomainError(.insufficientCredits, "Not enough credits: this needs \(needed), your balance is \(balance).")
    }
}
