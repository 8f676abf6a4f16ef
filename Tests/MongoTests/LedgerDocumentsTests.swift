import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

struct LedgerDocumentsTests {
    func item(_ amount: Int64, key: String = "k") throws -> PendingLedgerItem {
        let change = LedgerChange(
            userID: UserID(ObjectID().hex), amount: Credits(amount), kind: amount < 0 ? .debit : .purchase, reason: "r",
            idempotencyKey: try #require(IdempotencyKey(key)), at: Date(timeIntervalSince1970: 0))
        return PendingLedgerItem(change, entryID: ObjectID())
    }

    @Test func recoveredBalancesSubtractLaterPendingAmounts() throws {
        let items = [try item(-3), try item(10), try item(-2)]
        let balances = PendingLedgerItem.recoveredBalances(of: items, currentBalance: Credits(20))
        #expect(balances == [Credits(12), Credits(22), Credits(20)])
        #expect(PendingLedgerItem.recoveredBalances(of: [], currentBalance: Credits(5)).isEmpty)
    }

    @Test func debitGuardRequiresTheBalanceAndGrantsDoNot() throws {
        let user = ObjectID()
        let debit = LedgerDocuments.applyFilter(user: user, item: try item(-7, key: "d"))
        #expect(debit["credits_balance"] == ["$gte": .int64(7)])
        #expect(debit["pending_ledger.key"] == ["$nin": ["d"]])
        #expect(debit["_id"] == .objectID(user))
        let grant = LedgerDocuments.applyFilter(user: user, item: try item(5))
        #expect(grant["credits_balance"] == nil)
    }

    @Test func applyUpdateIncrementsAndPushesThePendingItem() throws {
        let pending = try item(-4)
        let update = try LedgerDocuments.applyUpdate(item: pending)
        #expect(update["$inc"] == ["credits_balance": .int64(-4)])
        let pushed = try #require(update["$addToSet"]?["pending_ledger"])
        #expect(try BSONDecoder().decode(PendingLedgerItem.self, from: pushed) == pending)
        #expect(LedgerDocuments.revertUpdate(item: pending)["$inc"] == ["credits_balance": .int64(4)])
    }

    @Test func insufficientCreditsMessageStatesNeedAndBalance() {
        let error = LedgerDocuments.insufficientCredits(needed: Credits(40), balance: Credits(12))
        #expect(error.code == .insufficientCredits)
        #expect(error.message == "Not enough credits: this needs 40, your balance is 12.")
    }
}
