public import Foundation

/// A dataset about to be stored; the store assigns its id.
public struct NewCustomerDataset: Sendable, Equatable {
    public let ownerID: UserID
    public let name: String
    public let csv: CustomerDataCSV
    public let createdAt: Date

    public init(ownerID: UserID, name: String, csv: CustomerDataCSV, createdAt: Date) {
        self.ownerID = ownerID
        self.name = name
        self.csv = csv
        self.createdAt = createdAt
    }
}
