internal import BSON
internal import Domain
internal import Foundation

/// A `folders` document as stored: `{_id, user_id, name, parent_id|null, created_at}`.
struct FolderDocument: Codable {
    var id: ObjectID
    var userID: ObjectID
    var name: String
    var parentID: ObjectID?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case name
        case parentID = "parent_id"
        case createdAt = "created_at"
    }

    /// Writes `parent_id: null` for a top-level folder, so `{parent_id: null}` finds it on every server.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        try container.encode(name, forKey: .name)
        try container.encode(parentID, forKey: .parentID)
        try container.encode(createdAt, forKey: .createdAt)
    }

    func folder() throws -> Folder {
        guard let folderName = FolderName(name) else {
            throw BSONError(.typeMismatch, "A stored folder has an invalid name.", detail: "folder \(id.hex)")
        }
        return Folder(
            id: FolderID(id.hex), ownerID: UserID(userID.hex), name: folderName,
            parentID: parentID.map { FolderID($0.hex) }, createdAt: createdAt)
    }
}
