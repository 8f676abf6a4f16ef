public import Foundation

/// Non-generic reads of one stored document's fields, for hot read paths (a list page) where `BSONDecoder`'s
/// keyed containers cost more than the reads themselves. Accepts what `BSONDecoder` accepts for the same
/// Swift types (an integer from int32, int64 or an exact double; an object id from an ObjectId or its hex)
/// and throws the same error codes, naming the dotted path (built only when there is an error).
public struct BSONFields {
    private let pairs: [(String, BSONValue)]
    private let path: String

    /// The fields of a document value; throws `.typeMismatch` when `value` is not a document.
    public init(_ value: BSONValue, path: String = "") throws {
        guard case .document(let pairs) = value else {
            throw BSONError.mismatch(at: path.isEmpty ? "(root)" : path, expected: "a document", found: value)
        }
        self.pairs = pairs
        self.path = path
    }

    /// The first value under `key` (as `bson_iter_find`), nil when absent.
    public subscript(key: String) -> BSONValue? {
        pairs.first { $0.0 == key }?.1
    }

    public func document(_ key: String) throws -> BSONFields {
        try BSONFields(try required(key), path: dotted(key))
    }

    public func string(_ key: String) throws -> String {
        try string(try required(key), at: dotted(key))
    }

    /// Absent or null is nil.
    public func optionalString(_ key: String) throws -> String? {
        guard let value = present(key) else { return nil }
        return try string(value, at: dotted(key))
    }

    public func int64(_ key: String) throws -> Int64 {
        try int64(try required(key), at: dotted(key))
    }

    public func date(_ key: String) throws -> Date {
        let value = try required(key)
        guard case .date(let date) = value else {
            throw BSONError.mismatch(at: dotted(key), expected: "a date", found: value)
        }
        return date
    }

    public func objectID(_ key: String) throws -> ObjectID {
        try objectID(try required(key), at: dotted(key))
    }

    /// Absent or null is nil.
    public func optionalObjectID(_ key: String) throws -> ObjectID? {
        guard let value = present(key) else { return nil }
        return try objectID(value, at: dotted(key))
    }

    public func strings(_ key: String) throws -> [String] {
        try elements(key).enumerated().map { try string($1, at: "\(dotted(key)).\($0)") }
    }

    public func int64s(_ key: String) throws -> [Int64] {
        try elements(key).enumerated().map { try int64($1, at: "\(dotted(key)).\($0)") }
    }

    /// The documents of an array under `key`.
    public func documents(_ key: String) throws -> [BSONFields] {
        let path = dotted(key)
        return try elements(key).enumerated().map { try BSONFields($1, path: "\(path).\($0)") }
    }

    // MARK: - Values

    private func elements(_ key: String) throws -> [BSONValue] {
        let value = try required(key)
        guard case .array(let items) = value else {
            throw BSONError.mismatch(at: dotted(key), expected: "an array", found: value)
        }
        return items
    }

    private func string(_ value: BSONValue, at path: @autoclosure () -> String) throws -> String {
        guard case .string(let string) = value else {
            throw BSONError.mismatch(at: path(), expected: "a string", found: value)
        }
        return string
    }

    private func int64(_ value: BSONValue, at path: @autoclosure () -> String) throws -> Int64 {
        guard let number = value.int64Value else {
            throw BSONError.mismatch(at: path(), expected: "an integer that fits Int64", found: value)
        }
        return number
    }

    private func objectID(_ value: BSONValue, at path: @autoclosure () -> String) throws -> ObjectID {
        switch value {
        case .objectID(let id): return id
        case .string(let hex):
            if let id = ObjectID(hex: hex) { return id }
        default: break
        }
        throw BSONError.mismatch(at: path(), expected: "an objectid", found: value)
    }

    private func required(_ key: String) throws -> BSONValue {
        guard let value = self[key] else {
            throw BSONError(.missingValue, "Required key '\(dotted(key))' is missing.")
        }
        return value
    }

    private func present(_ key: String) -> BSONValue? {
        guard let value = self[key], value != .null else { return nil }
        return value
    }

    private func dotted(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
}
