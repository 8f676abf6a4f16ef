internal import BSON
public import Domain
public import Foundation

/// `ExportStore` over `exports` and `export_chunks` (shapes in `ExportDocument`). Chunks expire with a TTL
/// index at `expires_at`; an export record is kept a week longer, so its link answers 410 rather than 404.
/// Status changes `$set` strings and integers only (nx-27017 stores a `$set` date as a string).
public struct MongoExportStore: ExportStore {
    /// How long an expired export's record stays (its bytes go at expiry).
    static let recordGraceSeconds = 7 * 24 * 3600

    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    static func ensureIndexes(in database: MongoDatabase) throws {
        let exports = database.collection(MongoCollectionName.exports)
        try exports.createIndex(["user_id": 1, "created_at": -1])
        try exports.createIndex(["expires_at": 1], expireAfterSeconds: recordGraceSeconds)
        let chunks = database.collection(MongoCollectionName.exportChunks)
        try chunks.createIndex(["export_id": 1])
        try chunks.createIndex(["expires_at": 1], expireAfterSeconds: 0)
    }

    public func insert(_ new: NewExport) throws -> ExportRecord {
        guard let owner = new.ownerID.objectID else { throw DomainError(.notFound, "No such user.") }
        let document = ExportDocument.document(new, id: ObjectID(), owner: owner)
        try withCollection(MongoCollectionName.exports) { try $0.insertOne(document) }
        return try ExportDocument.record(document)
    }

    public func attach(_ task: TaskID, to id: ExportID) throws {
        try update(id, ["task_id": .string(task.rawValue)])
    }

    public func delete(_ id: ExportID) throws {
        guard let objectID = ObjectID(hex: id.rawValue) else { return }
        try discardChunks(of: id)
        _ = try withCollection(MongoCollectionName.exports) { try $0.deleteOne(["_id": .objectID(objectID)]) }
    }

    public func export(id: ExportID, owner: UserID) throws -> ExportRecord? {
        guard let objectID = ObjectID(hex: id.rawValue), let ownerID = owner.objectID else { return nil }
        return try withCollection(MongoCollectionName.exports) { exports in
            try exports.findOne(["_id": .objectID(objectID), "user_id": ["$in": [.objectID(ownerID)]]])
                .map(ExportDocument.record)
        }
    }

    public func exports(of owner: UserID, unexpiredAt now: Date, limit: Int) throws -> [ExportRecord] {
        guard let ownerID = owner.objectID else { return [] }
        return try withCollection(MongoCollectionName.exports) { exports in
            try exports.find(
                ["user_id": ["$in": [.objectID(ownerID)]], "expires_at": ["$gt": .date(now)]],
                sort: ["created_at": -1], limit: limit
            ).map(ExportDocument.record)
        }
    }

    public func appendChunk(_ bytes: [UInt8], number: Int, of id: ExportID, expiresAt: Date) throws {
        guard let objectID = ObjectID(hex: id.rawValue) else { throw DomainError(.notFound, "No such export.") }
        let chunk = ExportDocument.chunk(bytes, number: number, of: objectID, expiresAt: expiresAt)
        try withCollection(MongoCollectionName.exportChunks) { chunks in
            try chunks.deleteOne(["_id": .string(ExportDocument.chunkKey(objectID, number))])
            try chunks.insertOne(chunk)
        }
    }

    public func discardChunks(of id: ExportID) throws {
        guard let objectID = ObjectID(hex: id.rawValue) else { return }
        _ = try withCollection(MongoCollectionName.exportChunks) {
            try $0.deleteMany(["export_id": ["$in": [.objectID(objectID)]]])
        }
    }

    public func chunk(_ number: Int, of id: ExportID) throws -> [UInt8]? {
        guard let objectID = ObjectID(hex: id.rawValue) else { return nil }
        return try withCollection(MongoCollectionName.exportChunks) { chunks in
            guard let document = try chunks.findOne(["_id": .string(ExportDocument.chunkKey(objectID, number))]) else {
                return nil
            }
            guard case .binary(let bytes)? = document["data"] else {
                throw BSONError(.typeMismatch, "A stored export chunk is malformed.")
            }
            return bytes
        }
    }

    public func markReady(_ id: ExportID, sizeBytes: Int, chunkCount: Int) throws {
        try update(
            id,
            [
                "status": .string(ExportStatus.ready.rawValue), "size_bytes": .int64(Int64(sizeBytes)),
                "chunk_count": .int64(Int64(chunkCount)), "failure": .null,
            ])
    }

    public func markFailed(_ id: ExportID, reason: String) throws {
        try update(id, ["status": .string(ExportStatus.failed.rawValue), "failure": .string(reason)])
    }

    private func update(_ id: ExportID, _ fields: BSONDocument) throws {
        guard let objectID = ObjectID(hex: id.rawValue) else { return }
        _ = try withCollection(MongoCollectionName.exports) { exports in
            try exports.updateOne(["_id": .objectID(objectID)], ["$set": try fields.value])
        }
    }

    private func withCollection<R>(_ name: String, _ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { try body($0.database(database).collection(name)) }
        }
    }
}
