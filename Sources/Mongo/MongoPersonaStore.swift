internal import BSON
public import Domain
public import Foundation

/// `PersonaStore` over the `personas` collection. Thread-safe: every call borrows its own client.
/// Every filter names the owner, so another user's persona is never read, changed or counted.
public struct MongoPersonaStore: PersonaStore {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    public func insert(_ new: NewPersona) throws -> Persona {
        guard let owner = new.ownerID.objectID else { throw DomainError(.notFound, "No such user.") }
        let created = new.createdAt.millisecondPrecision
        let document = PersonaDocument(
            id: ObjectID(), userID: owner, folderID: try new.folderID.map(Self.storedFolder),
            profile: PersonaDocument.Profile(new.profile),
            generation: PersonaDocument.Generation(taskID: new.generation.taskID, brief: new.generation.brief),
            createdAt: created, updatedAt: created)
        return try withPersonas { personas in
            try personas.insertOne(encoding: document)
            return try document.persona()
        }
    }

    public func persona(id: PersonaID, owner: UserID) throws -> Persona? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withPersonas { try $0.findOne(filter).map(PersonaDocument.init(stored:))?.persona() }
    }

    public func personas(of owner: UserID, matching filter: PersonaFilter, page: PageRequest) throws -> Page<Persona> {
        guard let query = Self.query(owner: owner, filter: filter) else {
            return Page(items: [], request: page, total: 0)
        }
        return try withPersonas { personas in
            let items = try personas.find(
                query, sort: ["created_at": -1, "_id": -1], skip: page.offset, limit: page.perPage
            ).map(PersonaDocument.init(stored:))
            // A short page that holds something (or is the first) ends the list: no second query. Otherwise
            // counted from ids: nx-27017's count cannot match ObjectId values.
            let total =
                items.count < page.perPage && (!items.isEmpty || page.offset == 0)
                ? page.offset + items.count : try personas.find(query, projection: ["_id": 1]).count
            return Page(items: try items.map { try $0.persona() }, request: page, total: total)
        }
    }

    /// Read, then replace the whole document, guarded by the folder read so a concurrent move is not
    /// undone. A replacement, not `$set`: nx-27017 stores a date written by `$set` as a string.
    public func update(_ id: PersonaID, owner: UserID, profile: PersonaProfile, at date: Date) throws -> Persona? {
        guard let filter = Self.filter(id, owner: owner) else { return nil }
        return try withClient { database in
            let personas = database.collection(MongoCollectionName.personas)
            for _ in 0..<Self.maximumUpdateAttempts {
                guard var document = try personas.findOne(filter, as: PersonaDocument.self) else { return nil }
                let folder = document.folderID.map(BSONValue.objectID) ?? .null
                document.profile = PersonaDocument.Profile(profile)
                document.updatedAt = date.millisecondPrecision
                let reply = try database.runCommand([
                    "update": .string(MongoCollectionName.personas),
                    "updates": [
                        [
                            "q": .document(
                                filter.elements.map { ($0.key, $0.value) } + [("folder_id", ["$in": [folder]])]),
                            "u": try BSONEncoder().encode(document).value,
                        ]
                    ],
                ])
                if reply["n"]?.int64Value == 1 { return try document.persona() }
            }
            throw DomainError(.conflict, "This persona is being changed elsewhere. Try again.")
        }
    }

    private static let maximumUpdateAttempts = 3

    public func delete(_ ids: [PersonaID], owner: UserID) throws -> Int {
        guard let filter = Self.filter(ids, owner: owner) else { return 0 }
        return try withPersonas { try $0.deleteMany(filter) }
    }

    public func move(_ ids: [PersonaID], owner: UserID, to folder: FolderID?) throws -> Int {
        guard let filter = Self.filter(ids, owner: owner) else { return 0 }
        let destination = try folder.map { BSONValue.objectID(try Self.storedFolder($0)) } ?? .null
        return try updateMany(filter, ["$set": ["folder_id": destination]])
    }

    public func moveAll(owner: UserID, from folder: FolderID, to destination: FolderID?) throws {
        guard let owner = owner.objectID, let source = folder.objectID else { return }
        let target = try destination.map { BSONValue.objectID(try Self.storedFolder($0)) } ?? .null
        try updateMany(
            ["user_id": ["$in": [.objectID(owner)]], "folder_id": ["$in": [.objectID(source)]]],
            ["$set": ["folder_id": target]])
    }

    public func countsByFolder(owner: UserID) throws -> [FolderID: Int] {
        guard let owner = owner.objectID else { return [:] }
        return try withPersonas { personas in
            var counts: [FolderID: Int] = [:]
            for document in try personas.find(["user_id": ["$in": [.objectID(owner)]]], projection: ["folder_id": 1]) {
                if case .objectID(let folder) = document["folder_id"] { counts[FolderID(folder.hex), default: 0] += 1 }
            }
            return counts
        }
    }

    // MARK: - Queries

    /// One persona of the owner; nil when either id cannot be one of ours.
    private static func filter(_ id: PersonaID, owner: UserID) -> BSONDocument? {
        guard let id = id.objectID, let owner = owner.objectID else { return nil }
        return ["_id": .objectID(id), "user_id": ["$in": [.objectID(owner)]]]
    }

    /// Those of `ids` the owner has; ids that cannot be ours are dropped. Nil when none is left.
    private static func filter(_ ids: [PersonaID], owner: UserID) -> BSONDocument? {
        let objectIDs = ids.compactMap(\.objectID)
        guard let owner = owner.objectID, !objectIDs.isEmpty else { return nil }
        return ["_id": ["$in": .array(objectIDs.map(BSONValue.objectID))], "user_id": ["$in": [.objectID(owner)]]]
    }

    /// The database form of `PersonaFilter.matches`; nil when nothing can match.
    static func query(owner: UserID, filter: PersonaFilter) -> BSONDocument? {
        guard let owner = owner.objectID else { return nil }
        var clauses: [(String, BSONValue)] = [("user_id", ["$in": [.objectID(owner)]])]
        switch filter.folder {
        case .any: break
        // `$in: [null]`, not `null`: nx-27017 drops equality-with-null matches when `$or` is also present.
        case .unfiled: clauses.append(("folder_id", ["$in": [.null]]))
        case .folder(let id):
            guard let folder = id.objectID else { return nil }
            clauses.append(("folder_id", ["$in": [.objectID(folder)]]))
        }
        if let gender = filter.gender { clauses.append(("profile.gender", .string(gender.rawValue))) }
        var age: [(String, BSONValue)] = []
        if let minimum = filter.ageMin { age.append(("$gte", .int64(Int64(minimum)))) }
        if let maximum = filter.ageMax { age.append(("$lte", .int64(Int64(maximum)))) }
        if !age.isEmpty { clauses.append(("profile.age", .document(age))) }
        if let text = filter.text {
            let pattern: BSONValue = ["$regex": .string(Self.escapedPattern(text)), "$options": "i"]
            clauses.append(
                (
                    "$or",
                    .array(["name", "occupation", "location", "bio"].map { .document([("profile.\($0)", pattern)]) })
                ))
        }
        return BSONDocument(clauses)
    }

    /// The text as a regular expression that matches it literally. PCRE (MongoDB) and Python's `re`
    /// (nx-27017) both read a backslash before any non-alphanumeric ASCII character as that character,
    /// so escaping all of them is safe whatever the metacharacter set.
    static func escapedPattern(_ text: String) -> String {
        var pattern = ""
        for character in text {
            if character.isASCII, !character.isLetter, !character.isNumber { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern
    }

    private static func storedFolder(_ id: FolderID) throws -> ObjectID {
        guard let objectID = id.objectID else { throw DomainError(.notFound, "No such folder.", field: "folder_id") }
        return objectID
    }

    // MARK: - Plumbing

    private func withClient<R>(_ body: (MongoDatabase) throws -> R) throws -> R {
        try MongoStoreErrors.mapping { try pool.withClient { try body($0.database(database)) } }
    }

    private func withPersonas<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try withClient { try body($0.collection(MongoCollectionName.personas)) }
    }

    /// `update` with `multi: true` (the collection API updates one); returns how many matched.
    @discardableResult
    private func updateMany(_ filter: BSONDocument, _ update: BSONDocument) throws -> Int {
        try withClient { database in
            let reply = try database.runCommand([
                "update": .string(MongoCollectionName.personas),
                "updates": [["q": filter.value, "u": update.value, "multi": true]],
            ])
            return Int(reply["n"]?.int64Value ?? 0)
        }
    }
}

extension PersonaID {
    /// The storage id behind this persona id; nil when it cannot be one (so no such persona exists).
    var objectID: ObjectID? { ObjectID(hex: rawValue) }
}

extension FolderID {
    /// The storage id behind this folder id; nil when it cannot be one (so no such folder exists).
    var objectID: ObjectID? { ObjectID(hex: rawValue) }
}
