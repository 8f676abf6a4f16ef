public import Domain
import Foundation
import Synchronization

/// Customer datasets in memory, with the same contract as the Mongo store.
public final class InMemoryCustomerData: CustomerDataStore {
    private struct State {
        var datasets: [CustomerDatasetID: CustomerDataset] = [:]
        var nextID = 1
    }

    private let state = Mutex(State())  // guards datasets and nextID

    public init() {}

    public func insert(_ new: NewCustomerDataset) throws -> CustomerDataset {
        state.withLock { state in
            let id = CustomerDatasetID(String(format: "%024x", state.nextID))
            state.nextID += 1
            let dataset = CustomerDataset(
                id: id, ownerID: new.ownerID, name: new.name, columns: new.csv.columns, rows: new.csv.rows,
                createdAt: new.createdAt)
            state.datasets[id] = dataset
            return dataset
        }
    }

    public func dataset(id: CustomerDatasetID, owner: UserID) throws -> CustomerDataset? {
        state.withLock { $0.datasets[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func datasets(of owner: UserID) throws -> [CustomerDataset] {
        state.withLock { state in
            Array(
                state.datasets.values.filter { $0.ownerID == owner }
                    .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
                    .prefix(CustomerDataLibrary.maximumDatasets))
        }
    }

    public func delete(_ id: CustomerDatasetID, owner: UserID) throws -> Bool {
        state.withLock { state in
            guard state.datasets[id]?.ownerID == owner else { return false }
            state.datasets[id] = nil
            return true
        }
    }
}
