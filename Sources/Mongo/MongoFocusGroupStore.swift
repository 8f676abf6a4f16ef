internal import BSON
public import Domain
public import Foundation

/// `FocusGroupStore` over the `focus_groups` collection. Thread-safe: every call borrows its own client.
/// Every filter names the owner (a one-element `$in`, see docs/design.md), so another user's group is
/// never read, changed or counted.
///
/// Changes read the document, change it and replace it guarded by its `revision`, retrying when another
/// writer got there first: an edit, a new guide and an image description may land at the same time and
/// none undoes another. An image stimulus's description and status belong to the description task
/// (`updateStimulus`); `update` keeps the stored ones.
public struct MongoFocusGroupStore: FocusGroupStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func insert(_ group: FocusGroup) throws -> FocusGroup {
        guard let owner = group.ownerID.objectID else { throw DomainError(.notFound, "No such user.") }
        let document = try FocusGroupDocument(group, id: ObjectID(), owner: owner, revision: 1)
        return try withGroups { groups in
            try groups.insertOne(encoding: document)
            return try document.focusGroup()
        }
    }

    public func focusGroup(id: FocusGroupID, owner: UserID) throws -> FocusGroup? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withGroups { try $0.findOne(filter, as: FocusGroupDocument.self)?.focusGroup() }
    }

    public func focusGroups(of owner: UserID, search: String?, page: PageRequest) throws -> Page<FocusGroup> {
        guard let owner = owner.objectID else { return Page(items: [], request: page, total: 0) }
        var query: [(String, BSONValue)] = [("user_id", ["$in": [.objectID(owner)]])]
        if let search, !search.isEmpty {
            query.append(("name", ["$regex": .string(MongoPersonaStore.escapedPattern(search)), "$options": "i"]))
        }
        let filter = BSONDocument(query)
        return try withGroups { groups in
            let items = try groups.find(
                filter, sort: ["created_at": -1, "_id": -1], skip: page.offset, limit: page.perPage,
                as: FocusGroupDocument.self)
            // Counted from ids: nx-27017's count cannot match ObjectId values.
            let total = try groups.find(filter, projection: ["_id": 1]).count
            return Page(items: try items.map { try $0.focusGroup() }, request: page, total: total)
        }
    }

    public func update(_ group: FocusGroup) throws -> FocusGroup? {
        try modify(group.id, owner: group.ownerID) { document in
            let described = Dictionary(
                document.stimuli.filter { $0.kind == "image" }.map { ($0.id, $0) },
                uniquingKeysWith: { first, _ in first })
            try document.setEditableFields(from: group)
            for index in document.stimuli.indices {
                guard document.stimuli[index].kind == "image", let stored = described[document.stimuli[index].id]
                else { continue }
                document.stimuli[index].description = stored.description
                document.stimuli[index].descriptionStatus = stored.descriptionStatus
            }
            document.updatedAt = group.updatedAt.millisecondPrecision
            return true
        }
    }

    public func setGuide(_ guide: DiscussionGuide?, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool {
        try modify(id, owner: owner) { document in
            document.guide = guide.map(GuideDocument.init)
            document.updatedAt = date.millisecondPrecision
            return true
        } != nil
    }

    public func updateStimulus(_ stimulus: Stimulus, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool {
        try modify(id, owner: owner) { document in
            guard let index = document.stimuli.firstIndex(where: { $0.id == stimulus.id.rawValue }) else {
                return false
            }
            document.stimuli[index] = FocusGroupDocument.StoredStimulus(stimulus)
            document.updatedAt = date.millisecondPrecision
            return true
        } != nil
    }

    public func delete(_ id: FocusGroupID, owner: UserID) throws -> Bool {
        guard let filter = Self.filter(id, owner: owner) else { return false }
        return try withGroups { try $0.deleteOne(filter) == 1 }
    }

    // MARK: - Guarded replacement

    private static let maximumWriteAttempts = 5

    /// Reads the owner's group, lets `change` edit it (false: nothing to write, so nil), and replaces it
    /// if no one else wrote in between; nil when there is no such group.
    private func modify(
        _ id: FocusGroupID, owner: UserID, _ change: (inout FocusGroupDocument) throws -> Bool
    ) throws -> FocusGroup? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withClient { database in
            let groups = database.collection(MongoCollectionName.focusGroups)
            for _ in 0..<Self.maximumWriteAttempts {
                guard var document = try groups.findOne(filter, as: FocusGroupDocument.self) else { return nil }
                let read = document.revision
                guard try change(&document) else { return nil }
                document.revision = read + 1
                let reply = try database.runCommand([
                    "update": .string(MongoCollectionName.focusGroups),
                    "updates": [
                        [
                            "q": .document(filter.elements.map { ($0.key, $0.value) } + [("revision", .int64(read))]),
                            "u": try BSONEncoder().encode(document).value,
                        ]
                    ],
                ])
                if reply["n"]?.int64Value == 1 { return try document.focusGroup() }
            }
            throw DomainError(.conflict, "This focus group is being changed elsewhere. Try again.")
        }
    }

    // MARK: - Plumbing

    /// One group of the owner; nil when either id cannot be one of ours.
    private static func filter(_ id: FocusGroupID, owner: UserID) -> BSONDocument? {
        guard let id = id.objectID, let owner = owner.objectID else { return nil }
        return ["_id": .objectID(id), "user_id": ["$in": [.objectID(owner)]]]
    }

    private func withClient<R>(_ body: (MongoDatabase) throws -> R) throws -> R {
        try MongoStoreErrors.mapping { try pool.withClient { try body($0.database(database)) } }
    }

    private func withGroups<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try withClient { try body($0.collection(MongoCollectionName.focusGroups)) }
    }
}

extension FocusGroupID {
    /// The storage id behind this focus group id; nil when it cannot be one (so no such group exists).
    var objectID: ObjectID? { ObjectID(hex: rawValue) }
}
