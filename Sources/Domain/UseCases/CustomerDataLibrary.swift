import Foundation

/// The signed-in user's customer datasets: upload (parse, check, store), list, read and delete.
public struct CustomerDataLibrary: Sendable {
    public static let defaultName = "Customer data"
    public static let nameLength = 1...100
    /// Datasets listed per user.
    public static let maximumDatasets = 100

    private let store: any CustomerDataStore
    private let clock: any Clock

    public init(store: any CustomerDataStore, clock: any Clock) {
        self.store = store
        self.clock = clock
    }

    /// Parses `csv` and stores it under `name` (nil: the default name). Throws `.invalidInput` on `name` or
    /// `csv` (see `CustomerDataCSV`).
    public func upload(_ csv: [UInt8], name: String?, by user: UserID) throws -> CustomerDataset {
        let name = (name ?? Self.defaultName).trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.nameLength.contains(name.count) else {
            throw DomainError.invalid(
                "name", "The name must be \(Self.nameLength.lowerBound) to \(Self.nameLength.upperBound) characters.")
        }
        let parsed = try CustomerDataCSV(csv)
        return try store.insert(NewCustomerDataset(ownerID: user, name: name, csv: parsed, createdAt: clock.now))
    }

    public func list(by user: UserID) throws -> [CustomerDataset] { try store.datasets(of: user) }

    public func dataset(_ id: CustomerDatasetID, by user: UserID) throws -> CustomerDataset {
        try store.requireDataset(id, owner: user, field: "id")
    }

    public func delete(_ id: CustomerDatasetID, by user: UserID) throws {
        guard try store.delete(id, owner: user) else {
            throw DomainError(.notFound, "No such customer data.", field: "id")
        }
    }
}
