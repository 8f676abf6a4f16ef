public import Foundation

/// A user's uploaded customer data: its columns and rows as parsed (`CustomerDataCSV`). Row `n` (1-based)
/// is `rows[n - 1]`, the number generated personas cite in their provenance.
public struct CustomerDataset: Sendable, Equatable {
    public let id: CustomerDatasetID
    public let ownerID: UserID
    public let name: String
    public let columns: [String]
    public let rows: [[String]]
    public let createdAt: Date

    public init(
        id: CustomerDatasetID, ownerID: UserID, name: String, columns: [String], rows: [[String]], createdAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.columns = columns
        self.rows = rows
        self.createdAt = createdAt
    }
}
