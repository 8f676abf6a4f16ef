internal import BSON
internal import Foundation

/// The filter for "this user's documents created in an interval", shared by the usage and ledger reads.
/// The user matches through `$in`: nx-27017 compares ObjectId values of other fields only that way.
enum MongoDateRange {
    static func filter(user: ObjectID, createdIn interval: DateInterval) -> BSONDocument {
        [
            "user_id": ["$in": [.objectID(user)]],
            "created_at": ["$gte": .date(interval.start), "$lt": .date(interval.end)],
        ]
    }
}
