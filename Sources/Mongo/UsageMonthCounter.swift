internal import BSON
internal import Domain

/// `usage_months {_id: "<user>:<YYYY-MM>", user_id, month, spent_micro_usd, calls}`: what a user's usage
/// events of one UTC month cost, kept by the usage recorder with an upserted `$inc` per event, so the quota
/// check reads one document instead of summing the month's events.
enum UsageMonthCounter {
    static func id(_ user: ObjectID, _ month: QuotaMonth) -> String { "\(user.hex):\(month)" }

    /// Adds one event's cost. A first insert racing another (duplicate `_id`) is retried as a plain update.
    static func add(_ cost: MicroUSD, of user: ObjectID, in month: QuotaMonth, to counters: MongoCollection) throws {
        let filter: BSONDocument = ["_id": .string(id(user, month))]
        let update: BSONDocument = [
            "$inc": ["spent_micro_usd": .int64(cost.value), "calls": .int64(1)],
            // $set, not $setOnInsert (nx-27017 ignores it): the values are the same for every event of the month.
            "$set": ["user_id": .objectID(user), "month": .string(month.description)],
        ]
        do {
            try counters.updateOne(filter, update, upsert: true)
        } catch let error as MongoError where error.code == .duplicateKey {
            try counters.updateOne(filter, update)
        }
    }

    /// The month's spend; zero when the user recorded nothing in it.
    static func spent(by user: ObjectID, in month: QuotaMonth, from counters: MongoCollection) throws -> MicroUSD {
        let found = try counters.findOne(["_id": .string(id(user, month))])
        return MicroUSD(found?["spent_micro_usd"]?.int64Value ?? 0)
    }
}
