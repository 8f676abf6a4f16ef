internal import BSON
public import Domain
internal import Foundation

/// `AdminAuditLog` over `admin_audit {_id, admin_id, action, target_user_id, details {…}, at}`. The user ids
/// are hex strings, so a filter on `target_user_id` is a plain equality (nx-27017 cannot match ObjectIds on
/// fields other than `_id` without `$in`). Newest first by `at`, then `_id`.
public struct MongoAdminAuditStore: AdminAuditLog {
    private let pool: MongoClientPool
    private let database: String

    public init(pool: MongoClientPool, database: String) {
        self.pool = pool
        self.database = database
    }

    /// The log read newest first, whole or about one user.
    static func ensureIndexes(in database: MongoDatabase) throws {
        let audit = database.collection(MongoCollectionName.adminAudit)
        try audit.createIndex(["at": -1])
        try audit.createIndex(["target_user_id": 1, "at": -1])
    }

    @discardableResult
    public func record(_ new: NewAdminAuditEntry) throws -> AdminAuditEntry {
        let id = ObjectID()
        let at = new.at.millisecondPrecision
        let document = BSONDocument([
            ("_id", .objectID(id)), ("admin_id", .string(new.adminID.rawValue)),
            ("action", .string(new.action.rawValue)),
            ("target_user_id", new.targetUserID.map { .string($0.rawValue) } ?? .null),
            ("details", .document(new.details.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("at", .date(at)),
        ])
        try withAudit { try $0.insertOne(document) }
        return AdminAuditEntry(
            id: id.hex, adminID: new.adminID, action: new.action, targetUserID: new.targetUserID, details: new.details,
            at: at)
    }

    public func entries(about target: UserID?, page: PageRequest) throws -> Page<AdminAuditEntry> {
        let filter: BSONDocument = target.map { ["target_user_id": .string($0.rawValue)] } ?? BSONDocument()
        return try withAudit { audit in
            let found = try audit.find(filter, sort: ["at": -1, "_id": -1], skip: page.offset, limit: page.perPage)
            let total = try audit.find(filter, projection: ["_id": 1]).count
            return Page(items: try found.map(Self.entry), request: page, total: total)
        }
    }

    private static func entry(_ document: BSONDocument) throws -> AdminAuditEntry {
        guard case .objectID(let id)? = document["_id"], let admin = document["admin_id"]?.stringValue,
            let action = document["action"]?.stringValue.flatMap(AdminAction.init(rawValue:)),
            case .date(let at)? = document["at"]
        else { throw BSONError(.typeMismatch, "A stored admin_audit entry is malformed.") }
        let details = try document.document(forKey: "details")?.elements.compactMap { element in
            element.value.stringValue.map { (element.key, $0) }
        }
        return AdminAuditEntry(
            id: id.hex, adminID: UserID(admin), action: action,
            targetUserID: document["target_user_id"]?.stringValue.map(UserID.init),
            details: Dictionary(details ?? [], uniquingKeysWith: { first, _ in first }), at: at)
    }

    private func withAudit<R>(_ body: (MongoCollection) throws -> R) throws -> R {
        try MongoStoreErrors.mapping {
            try pool.withClient { client in
                try body(client.database(database).collection(MongoCollectionName.adminAudit))
            }
        }
    }
}
