/// Uploaded customer datasets, always scoped to their owner: another user's dataset is indistinguishable
/// from a missing one. Implementations are thread-safe and synchronous.
public protocol CustomerDataStore: Sendable {
    func insert(_ dataset: NewCustomerDataset) throws -> CustomerDataset
    func dataset(id: CustomerDatasetID, owner: UserID) throws -> CustomerDataset?
    /// The owner's datasets, newest first (at most `CustomerDataLibrary.maximumDatasets`).
    func datasets(of owner: UserID) throws -> [CustomerDataset]
    /// Deletes the owner's dataset; false when there was none.
    func delete(_ id: CustomerDatasetID, owner: UserID) throws -> Bool
}

extension CustomerDataStore {
    /// The owner's dataset, or `.notFound` on `field`.
    public func requireDataset(
        _ id: CustomerDatasetID, owner: UserID, field: String = "customer_data_id"
    ) throws -> CustomerDataset {
        guard let dataset = try dataset(id: id, owner: owner) else {
            throw DomainError(.notFound, "No such customer data.", field: field)
        }
        return dataset
    }
}
