internal import BSON

/// Every index of every collection in one database, as the server reports it (`listCollections`, then
/// `listIndexes` per collection). An index is described by its keys and options, never by its name, so two
/// listings compare equal when the same indexes exist whatever the server named them.
public struct MongoIndexListing: Sendable, Equatable {
    /// Collection name → its index descriptions, sorted, e.g. `{user_id: 1, created_at: -1}` or `{email: 1} unique`.
    public let collections: [String: [String]]

    /// Reads the listing; each reply's first batch holds the whole answer (a few dozen collections and indexes).
    static func read(in database: MongoDatabase) throws -> MongoIndexListing {
        let reply = try database.runCommand(["listCollections": 1, "nameOnly": true])
        var collections: [String: [String]] = [:]
        for entry in Self.firstBatch(of: reply) {
            // Views and system collections have no indexes of ours (and listIndexes refuses a view).
            guard let name = entry["name"]?.stringValue, !name.hasPrefix("system."),
                (entry["type"]?.stringValue ?? "collection") == "collection"
            else { continue }
            let indexes = try database.runCommand(["listIndexes": .string(name)])
            collections[name] = Self.firstBatch(of: indexes).map(Self.describe).sorted()
        }
        return MongoIndexListing(collections: collections)
    }

    private static func firstBatch(of reply: BSONDocument) -> [BSONValue] {
        guard case .array(let batch) = reply["cursor"]?["firstBatch"] else { return [] }
        return batch
    }

    private static func describe(_ index: BSONValue) -> String {
        var keys: [String] = []
        if case .document(let fields) = index["key"] {
            keys = fields.map { "\($0.0): \($0.1.int64Value.map(String.init) ?? $0.1.stringValue ?? "?")" }
        }
        var text = "{" + keys.joined(separator: ", ") + "}"
        if case .bool(true) = index["unique"] { text += " unique" }
        if let ttl = index["expireAfterSeconds"]?.int64Value { text += " ttl=\(ttl)s" }
        return text
    }
}
