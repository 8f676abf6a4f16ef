internal import BSON
public import Domain

/// `FolderStore` over the `folders` collection. Thread-safe: every call borrows its own client.
/// Every filter names the owner, so another user's folder is never read or changed.
public struct MongoFolderStore: FolderStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func insert(_ new: NewFolder) throws -> Folder {
        guard let owner = new.ownerID.objectID else { throw DomainError(.notFound, "No such user.") }
        let parent = try new.parentID.map(Self.storedParent)
        let document = FolderDocument(
            id: ObjectID(), userID: owner, name: new.name.value, parentID: parent,
            createdAt: new.createdAt.millisecondPrecision)
        return try withFolders { folders in
            try folders.insertOne(encoding: document)
            return try document.folder()
        }
    }

    public func folder(id: FolderID, owner: UserID) throws -> Folder? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withFolders { try $0.findOne(filter, as: FolderDocument.self)?.folder() }
    }

    public func folders(of owner: UserID) throws -> [Folder] {
        guard let owner = owner.objectID else { return [] }
        return try withFolders { folders in
            try folders.find(
                ["user_id": ["$in": [.objectID(owner)]]], sort: ["created_at": 1, "_id": 1],
                limit: FolderTree.maximumFolders, as: FolderDocument.self
            ).map { try $0.folder() }
        }
    }

    public func update(_ folder: Folder) throws -> Folder? {
        guard let filter = Self.filter(folder.id, owner: folder.ownerID) else { return nil }
        let parent = try folder.parentID.map { BSONValue.objectID(try Self.storedParent($0)) } ?? .null
        return try withFolders { folders in
            try folders.findOneAndUpdate(filter, ["$set": ["name": .string(folder.name.value), "parent_id": parent]])
                .map { try BSONDecoder().decode(FolderDocument.self, from: $0).folder() }
        }
    }

    public func delete(_ id: FolderID, owner: UserID, reparentingChildrenTo newParent: FolderID?) throws -> Bool {
        guard let filter = Self.filter(id, owner: owner), let ownerID = owner.objectID, let folderID = id.objectID
        else { return false }
        let parent = try newParent.map { BSONValue.objectID(try Self.storedParent($0)) } ?? .null
        return try MongoStoreErrors.mapping {
            try pool.withClient { client in
                let database = client.database(database)
                // Children first: if the delete below fails, they already hang off the parent.
                try database.runCommand([
                    "update": .string(MongoCollectionName.folders),
                    "updates": [
                        [
                            "q": [
                                "user_id": ["$in": [.objectID(ownerID)]], "parent_id": ["$in": [.objectID(folderID)]],
                            ],
                            "u": ["$set": ["parent_id": parent]], "multi": true,
                        ]
                    ],
                ])
                return try database.collection(MongoCollectionName.folders).deleteOne(filter) == 1
            }
        }
    }

    private static func filter(_ id: FolderID, owner: UserID) -> BSONDocument? {
        guard let id = id.objectID, let owner = owner.objectID else { return nil }
        return ["_id": .objectID(id), "user_id": ["$in": [.objectID(owner)]]]
    }

    private static func storedParent(_ id: FolderID) throws -> ObjectID {
        guard let objectID = id.objectID else { throw DomainError(.notFound, "No such folder.", field: "parent_id") }
        return objectID
    }

    private func withFolders<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { try body($0.database(database).collection(MongoCollectionName.folders)) }
        }
    }
}
