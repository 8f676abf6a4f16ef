internal import BSON
public import Domain
public import Foundation

/// `StimulusImageStore` over the `stimulus_images` collection: `{_id: "<group id>:<stimulus id>", user_id,
/// focus_group_id, stimulus_id, media_type, bytes (BSON binary), created_at}`. An image is at most 5 MiB,
/// well inside MongoDB's 16 MiB document limit. Every filter names the owner.
public struct MongoStimulusImageStore: StimulusImageStore {
    private struct Document: Codable {
        var id: String
        var userID: ObjectID
        var focusGroupID: ObjectID
        var stimulusID: String
        var mediaType: String
        var bytes: [UInt8]
        var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case userID = "user_id"
            case focusGroupID = "focus_group_id"
            case stimulusID = "stimulus_id"
            case mediaType = "media_type"
            case bytes
            case createdAt = "created_at"
        }
    }

    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func save(
        _ image: StimulusImageData, of stimulus: StimulusID, in group: FocusGroupID, owner: UserID, at date: Date
    ) throws {
        guard let ownerID = owner.objectID, let groupID = group.objectID else {
            throw DomainError(.notFound, "No such focus group.")
        }
        let document = Document(
            id: Self.key(stimulus, in: groupID), userID: ownerID, focusGroupID: groupID, stimulusID: stimulus.rawValue,
            mediaType: image.mediaType.rawValue, bytes: image.bytes, createdAt: date.millisecondPrecision)
        try withImages { images in
            try images.deleteOne(["_id": .string(document.id), "user_id": ["$in": [.objectID(ownerID)]]])
            try images.insertOne(encoding: document)
        }
    }

    public func image(of stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> StimulusImageData? {
        guard let filter = Self.filter(stimulus, in: group, owner: owner) else { return nil }
        return try withImages { images in
            guard let document = try images.findOne(filter, as: Document.self) else { return nil }
            guard let mediaType = StimulusImage.MediaType(rawValue: document.mediaType) else {
                throw BSONError(.typeMismatch, "A stored image is invalid.", detail: "image \(document.id)")
            }
            return StimulusImageData(mediaType: mediaType, bytes: document.bytes)
        }
    }

    public func delete(_ stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> Bool {
        guard let filter = Self.filter(stimulus, in: group, owner: owner) else { return false }
        return try withImages { try $0.deleteOne(filter) == 1 }
    }

    public func deleteAll(in group: FocusGroupID, owner: UserID) throws -> Int {
        guard let ownerID = owner.objectID, let groupID = group.objectID else { return 0 }
        return try withImages { images in
            try images.deleteMany([
                "focus_group_id": ["$in": [.objectID(groupID)]], "user_id": ["$in": [.objectID(ownerID)]],
            ])
        }
    }

    /// The `_id`: one image per stimulus, found without matching an ObjectId outside `_id` (docs/design.md).
    private static func key(_ stimulus: StimulusID, in group: ObjectID) -> String {
        "\(group.hex):\(stimulus.rawValue)"
    }

    private static func filter(_ stimulus: StimulusID, in group: FocusGroupID, owner: UserID) -> BSONDocument? {
        guard let ownerID = owner.objectID, let groupID = group.objectID else { return nil }
        return ["_id": .string(key(stimulus, in: groupID)), "user_id": ["$in": [.objectID(ownerID)]]]
    }

    private func withImages<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { try body($0.database(database).collection(MongoCollectionName.stimulusImages)) }
        }
    }
}
