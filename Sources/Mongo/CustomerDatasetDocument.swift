internal import BSON
internal import Domain
internal import Foundation

/// A `customer_datasets` document as stored: `{_id, user_id, name, columns, rows (arrays of strings),
/// created_at}`.
struct CustomerDatasetDocument: Codable {
    var id: ObjectID
    var userID: ObjectID
    var name: String
    var columns: [String]
    var rows: [[String]]
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case name, columns, rows
        case createdAt = "created_at"
    }

    var dataset: CustomerDataset {
        CustomerDataset(
            id: CustomerDatasetID(id.hex), ownerID: UserID(userID.hex), name: name, columns: columns, rows: rows,
            createdAt: createdAt)
    }
}
