internal import CMongoc

/// Writes `BSONValue`s into a `bson_t` with the `bson_append_*` functions (the BSON_APPEND_* macros do
/// not import). Every function returns false when libbson refuses, which callers turn into an error.
enum BSONWriter {
    static func append(_ pairs: [(String, BSONValue)], to doc: OpaquePointer) -> Bool {
        pairs.allSatisfy { append($0.1, key: $0.0, to: doc) }
    }

    static func append(_ value: BSONValue, key: String, to doc: OpaquePointer) -> Bool {
        // bson_append_* measure the key with strlen: a NUL inside would silently cut it short.
        guard !key.utf8.contains(0) else { return false }
        switch value {
        case .document(let pairs):
            return appendChild(pairs, key: key, to: doc, asArray: false)
        case .array(let items):
            return appendChild(
                items.enumerated().map { (String($0.offset), $0.element) }, key: key, to: doc, asArray: true)
        case .string(let string):
            // Explicit length: BSON strings are length-prefixed and may contain NUL.
            guard let length = Int32(exactly: string.utf8.count) else { return false }
            return bson_append_utf8(doc, key, -1, string, length)
        case .int32(let number):
            return bson_append_int32(doc, key, -1, number)
        case .int64(let number):
            return bson_append_int64(doc, key, -1, number)
        case .double(let number):
            return bson_append_double(doc, key, -1, number)
        case .bool(let flag):
            return bson_append_bool(doc, key, -1, flag)
        case .date(let date):
            return bson_append_date_time(doc, key, -1, BSONValue.milliseconds(date))
        case .objectID(let id):
            var oid = id.oid
            return bson_append_oid(doc, key, -1, &oid)
        case .binary(let bytes):
            guard let length = UInt32(exactly: bytes.count) else { return false }
            return bson_append_binary(doc, key, -1, BSON_SUBTYPE_BINARY, bytes, length)
        case .null:
            return bson_append_null(doc, key, -1)
        }
    }

    /// Builds the child in its own heap bson_t (bson_append_document_begin would need over-aligned stack storage).
    private static func appendChild(_ pairs: [(String, BSONValue)], key: String, to doc: OpaquePointer, asArray: Bool)
        -> Bool
    {
        guard let child = bson_new() else { return false }
        defer { bson_destroy(child) }
        guard append(pairs, to: child) else { return false }
        return asArray ? bson_append_array(doc, key, -1, child) : bson_append_document(doc, key, -1, child)
    }
}
