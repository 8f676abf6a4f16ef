internal import CMongoc
internal import Foundation

/// Reads a `bson_t` into `BSONValue`s with `bson_iter_*`. Iterators are over-aligned, so each one is
/// heap-allocated by the shim and freed when its scope ends.
enum BSONReader {
    static func elements(of doc: OpaquePointer) throws -> [(String, BSONValue)] {
        try withIterator { iter in
            guard bson_iter_init(iter, doc) else { throw malformed(path: { "(root)" }) }
            return try readAll(iter, path: { "" })
        }
    }

    static func value(forKey key: String, in doc: OpaquePointer) -> BSONValue? {
        try? withIterator { iter in
            guard bson_iter_init_find(iter, doc, key) else { return nil }
            return try readCurrent(iter, path: { key })
        }
    }

    /// A copy of the embedded document under `key`, raw (no conversion); nil when absent or not a document.
    static func document(forKey key: String, in doc: OpaquePointer) -> OpaquePointer? {
        withIterator { iter in
            guard bson_iter_init_find(iter, doc, key), bson_iter_type(iter) == BSON_TYPE_DOCUMENT else { return nil }
            var length: UInt32 = 0
            var data: UnsafePointer<UInt8>?
            bson_iter_document(iter, &length, &data)
            guard let data else { return nil }
            return bson_new_from_data(data, Int(length))
        }
    }

    private static func withIterator<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        guard let iter = cmongoc_iter_new() else { preconditionFailure("bson iterator allocation failed") }
        defer { cmongoc_iter_free(iter) }
        return try body(iter)
    }

    /// `path` gives the dotted path of the container for error messages; it is only called on an error.
    private static func readAll(_ iter: OpaquePointer, path: () -> String) throws -> [(String, BSONValue)] {
        var pairs: [(String, BSONValue)] = []
        while bson_iter_next(iter) {
            let key = String(cString: bson_iter_key(iter))
            let value = try readCurrent(iter) {
                let parent = path()
                return parent.isEmpty ? key : parent + "." + key
            }
            pairs.append((key, value))
        }
        return pairs
    }

    private static func readCurrent(_ iter: OpaquePointer, path: () -> String) throws -> BSONValue {
        let type = bson_iter_type(iter)
        switch type {
        case BSON_TYPE_DOUBLE:
            return .double(bson_iter_double(iter))
        case BSON_TYPE_UTF8:
            var length: UInt32 = 0
            guard let chars = bson_iter_utf8(iter, &length) else { throw malformed(path: path) }
            let bytes = UnsafeRawPointer(chars).assumingMemoryBound(to: UInt8.self)
            // bson_validate does not check string values here (libbson 1.23), so decode strictly.
            guard let string = String(validating: UnsafeBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
            else { throw malformed(path: path) }
            return .string(string)
        case BSON_TYPE_DOCUMENT, BSON_TYPE_ARRAY:
            let pairs = try withIterator { child in
                guard bson_iter_recurse(iter, child) else { throw malformed(path: path) }
                return try readAll(child, path: path)
            }
            return type == BSON_TYPE_ARRAY ? .array(pairs.map(\.1)) : .document(pairs)
        case BSON_TYPE_BINARY:
            var subtype = BSON_SUBTYPE_BINARY
            var length: UInt32 = 0
            var data: UnsafePointer<UInt8>?
            bson_iter_binary(iter, &subtype, &length, &data)
            return .binary(data.map { Array(UnsafeBufferPointer(start: $0, count: Int(length))) } ?? [])
        case BSON_TYPE_OID:
            guard let oid = bson_iter_oid(iter) else { throw malformed(path: path) }
            return .objectID(ObjectID(oid.pointee))
        case BSON_TYPE_BOOL:
            return .bool(bson_iter_bool(iter))
        case BSON_TYPE_DATE_TIME:
            return .date(Date(timeIntervalSince1970: Double(bson_iter_date_time(iter)) / 1000))
        case BSON_TYPE_NULL:
            return .null
        case BSON_TYPE_INT32:
            return .int32(bson_iter_int32(iter))
        case BSON_TYPE_INT64:
            return .int64(bson_iter_int64(iter))
        default:
            throw BSONError(
                .unsupportedType, "Value at '\(path())' has a BSON type this service does not read.",
                detail: "type 0x\(String(type.rawValue, radix: 16))")
        }
    }

    private static func malformed(path: () -> String) -> BSONError {
        BSONError(.malformed, "The BSON data is corrupt at '\(path())'.")
    }
}
