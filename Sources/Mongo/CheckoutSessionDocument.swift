internal import BSON
internal import Domain
internal import Foundation

/// A `checkout_sessions` document: `{_id: cs id, user_id, pack, credits, amount_cents, status, granted,
/// payment_intent, created_at, updated_at}`. Inserted whole; later writes `$set` only `status`, `granted`,
/// `payment_intent` and `updated_at`, which nx-27017 stores as `1` and a string (docs/design.md), so those
/// two are read leniently.
struct CheckoutSessionDocument: Codable {
    var id: CheckoutSessionID
    var userID: ObjectID
    var pack: String
    var credits: Credits
    var amountCents: Int64
    var status: CheckoutStatus
    var granted: Bool
    var paymentIntent: String?
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case pack, credits, status, granted
        case amountCents = "amount_cents"
        case paymentIntent = "payment_intent"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ record: CheckoutRecord, user: ObjectID) {
        id = record.id
        userID = user
        pack = record.packID
        credits = record.credits
        amountCents = record.amountCents
        status = record.status
        granted = record.granted
        paymentIntent = record.paymentIntent
        createdAt = record.createdAt.millisecondPrecision
        updatedAt = record.updatedAt.millisecondPrecision
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(CheckoutSessionID.self, forKey: .id)
        userID = try container.decode(ObjectID.self, forKey: .userID)
        pack = try container.decode(String.self, forKey: .pack)
        credits = try container.decode(Credits.self, forKey: .credits)
        amountCents = try container.decode(Int64.self, forKey: .amountCents)
        status = try container.decode(CheckoutStatus.self, forKey: .status)
        granted = try container.decode(StoredFlag.self, forKey: .granted).value
        paymentIntent = try container.decodeIfPresent(String.self, forKey: .paymentIntent)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        updatedAt = try container.decode(NXStoredDate.Field.self, forKey: .updatedAt).date
    }

    var record: CheckoutRecord {
        CheckoutRecord(
            id: id, userID: UserID(userID.hex), packID: pack, credits: credits, amountCents: amountCents,
            status: status,
            granted: granted, paymentIntent: paymentIntent, createdAt: createdAt, updatedAt: updatedAt)
    }
}
