internal import BSON
internal import Domain
internal import Foundation

/// The Stripe side of `MongoActivityHistory`: the `purchase` and `refund` entries of `credit_transactions`
/// created in an interval, each priced from the `checkout_sessions` document its idempotency key names
/// (a grant by session id, a clawback by PaymentIntent). An entry whose session cannot be found (a
/// clawback keyed by a charge id) is skipped: without the pack's price it stands for no known money.
enum MongoPaymentMovements {
    static func visit(
        in database: MongoDatabase, _ interval: DateInterval, _ visit: (PaymentMovement) throws -> Void
    ) throws {
        let checkouts = database.collection(MongoCollectionName.checkoutSessions)
        var packs: [PaymentMovement.Source: CheckoutSessionDocument?] = [:]
        let filter = BSONDocument([
            ("created_at", MongoActivityHistory.createdRange(interval)),
            ("kind", ["$in": [.string(LedgerKind.purchase.rawValue), .string(LedgerKind.refund.rawValue)]]),
        ])
        let decoder = BSONDecoder()
        try database.collection(MongoCollectionName.creditTransactions).forEach(filter) { document in
            let entry = try decoder.decode(LedgerEntryDocument.self, from: document).entry
            guard let source = PaymentMovement.Source(entry.idempotencyKey) else { return }
            if packs[source] == nil { packs[source] = .some(try checkout(source, in: checkouts)) }
            guard let pack = packs[source] ?? nil else { return }
            try visit(
                PaymentMovement(
                    userID: entry.userID, credits: entry.amount, packCredits: pack.credits,
                    packCents: pack.amountCents, at: entry.createdAt))
        }
    }

    private static func checkout(_ source: PaymentMovement.Source, in checkouts: MongoCollection) throws
        -> CheckoutSessionDocument?
    {
        switch source {
        case .grant(let session):
            try checkouts.findOne(["_id": .string(session.rawValue)], as: CheckoutSessionDocument.self)
        case .clawback(let payment):
            try checkouts.findOne(["payment_intent": .string(payment.rawValue)], as: CheckoutSessionDocument.self)
        }
    }
}
