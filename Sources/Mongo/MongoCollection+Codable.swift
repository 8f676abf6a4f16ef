public import BSON

/// Typed reads and writes: documents decode with `BSONDecoder` and encode with `BSONEncoder`
/// (which refuses operator-like keys in user data).
extension MongoCollection {
    public func insertOne<T: Encodable>(encoding value: T) throws {
        try insertOne(BSONEncoder().encode(value))
    }

    public func findOne<T: Decodable>(_ filter: BSONDocument, as type: T.Type) throws -> T? {
        try findOne(filter).map { try BSONDecoder().decode(type, from: $0) }
    }

    public func find<T: Decodable>(
        _ filter: BSONDocument, sort: BSONDocument? = nil, skip: Int = 0, limit: Int = 0, as type: T.Type
    ) throws -> [T] {
        let decoder = BSONDecoder()
        return try find(filter, sort: sort, skip: skip, limit: limit).map { try decoder.decode(type, from: $0) }
    }
}
