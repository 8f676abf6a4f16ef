internal import BSON
public import Domain

/// `CustomerDataStore` over the `customer_datasets` collection. Thread-safe: every call borrows its own
/// client. Every filter names the owner (as a one-element `$in`, see docs/design.md), so another user's
/// dataset is never read or deleted.
public struct MongoCustomerDataStore: CustomerDataStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func insert(_ new: NewCustomerDataset) throws -> CustomerDataset {
        guard let owner = new.ownerID.objectID else { throw DomainError(.notFound, "No such user.") }
        let document = CustomerDatasetDocument(
            id: ObjectID(), userID: owner, name: new.name, columns: new.csv.columns, rows: new.csv.rows,
            createdAt: new.createdAt.millisecondPrecision)
        return try withDatasets { datasets in
            try datasets.insertOne(encoding: document)
            return document.dataset
        }
    }

    public func dataset(id: CustomerDatasetID, owner: UserID) throws -> CustomerDataset? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withDatasets { try $0.findOne(filter, as: CustomerDatasetDocument.self)?.dataset }
    }

    public func datasets(of owner: UserID) throws -> [CustomerDataset] {
        guard let owner = owner.objectID else { return [] }
        return try withDatasets { datasets in
            try datasets.find(
                ["user_id": ["$in": [.objectID(owner)]]], sort: ["created_at": -1, "_id": -1],
                limit: CustomerDataLibrary.maximumDatasets, as: CustomerDatasetDocument.self
            ).map(\.dataset)
        }
    }

    public func delete(_ id: CustomerDatasetID, owner: UserID) throws -> Bool {
        guard let filter = Self.filter(id, owner: owner) else { return false }
        return try withDatasets { try $0.deleteOne(filter) == 1 }
    }

    private static func filter(_ id: CustomerDatasetID, owner: UserID) -> BSONDocument? {
        guard let id = ObjectID(hex: id.rawValue), let owner = owner.objectID else { return nil }
        return ["_id": .objectID(id), "user_id": ["$in": [.objectID(owner)]]]
    }

    private func withDatasets<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { try body($0.database(database).collection(MongoCollectionName.customerDatasets)) }
        }
    }
}
