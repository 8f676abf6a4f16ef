internal import CMongoc

/// One BSON document in a heap `bson_t` that this object owns (`bson_destroy` in deinit).
///
/// `@unchecked Sendable`: a document is immutable once its initialiser returns (nothing appends to
/// `pointer` afterwards) and libbson only reads a const `bson_t`, so any thread may read it.
public final class BSONDocument: @unchecked Sendable {
    /// The owned `bson_t *`. Never escapes: other modules reach it only through `withPointer`.
    let pointer: OpaquePointer

    /// An empty document.
    public convenience init() {
        self.init(taking: Self.newDocument())
    }

    /// Parses raw BSON and validates its structure (lengths, terminators, UTF-8 keys); throws `.malformed`
    /// otherwise. Invalid UTF-8 inside a string value surfaces as `.malformed` when the value is read.
    public init(bytes: [UInt8]) throws {
        guard bytes.count >= 5,
            let doc = bytes.withUnsafeBufferPointer({ bson_new_from_data($0.baseAddress, $0.count) })
        else { throw BSONError(.malformed, "The data is not a BSON document.", detail: "bad length header") }
        var error = bson_error_t()
        let flags = bson_validate_flags_t(BSON_VALIDATE_UTF8.rawValue | BSON_VALIDATE_UTF8_ALLOW_NULL.rawValue)
        guard bson_validate_with_error(doc, flags, &error) else {
            bson_destroy(doc)
            throw BSONError(
                .malformed, "The data is not a BSON document.", detail: String(cString: cmongoc_error_message(&error)))
        }
        pointer = doc
    }

    /// A document built by our own code, in the given key order. Keys may be operators ("$inc") or
    /// dotted paths ("a.b"); a key containing NUL is a programmer error.
    public convenience init(_ pairs: [(String, BSONValue)]) {
        let doc = Self.newDocument()
        let written = BSONWriter.append(pairs, to: doc)
        precondition(written, "BSONDocument: a key contains NUL or the document exceeds libbson's size limit")
        self.init(taking: doc)
    }

    /// Takes ownership of a heap `bson_t` (from bson_new / bson_new_from_data / bson_copy).
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    /// Copies a `bson_t` someone else owns (a cursor's current document, reply storage).
    package convenience init(copying other: OpaquePointer) {
        guard let copy = bson_copy(other) else { preconditionFailure("bson_copy failed: out of memory") }
        self.init(taking: copy)
    }

    deinit { bson_destroy(pointer) }

    /// Lends the `const bson_t *` to a C call in another adapter; the pointer must not outlive `body`.
    package func withPointer<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(pointer) }
    }

    /// The raw BSON bytes (a copy).
    public var bytes: [UInt8] {
        let length = Int(cmongoc_bson_len(pointer))
        return Array(UnsafeBufferPointer(start: bson_get_data(pointer), count: length))
    }

    public var isEmpty: Bool { bson_count_keys(pointer) == 0 }

    /// Every top-level key and value in stored order. Throws `.unsupportedType` for BSON types
    /// `BSONValue` does not model.
    public var elements: [(key: String, value: BSONValue)] {
        get throws { try BSONReader.elements(of: pointer).map { (key: $0.0, value: $0.1) } }
    }

    /// The whole document as a `.document` value.
    public var value: BSONValue {
        get throws { .document(try BSONReader.elements(of: pointer)) }
    }

    /// The value of a top-level key; nil when absent or of a type `BSONValue` does not model.
    public subscript(key: String) -> BSONValue? {
        BSONReader.value(forKey: key, in: pointer)
    }

    /// The embedded document under a top-level key, copied as raw BSON (no conversion, so any BSON
    /// type inside survives); nil when absent or not a document.
    public func document(forKey key: String) -> BSONDocument? {
        BSONReader.document(forKey: key, in: pointer).map(BSONDocument.init(taking:))
    }

    private static func newDocument() -> OpaquePointer {
        guard let doc = bson_new() else { preconditionFailure("bson_new failed: out of memory") }
        return doc
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public convenience init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension BSONDocument: Equatable {
    /// Byte equality: same keys, order, types and values.
    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.bytes == rhs.bytes
    }
}

extension BSONDocument: CustomDebugStringConvertible {
    /// Canonical extended JSON, for tests and debugging only: it may contain user data, so never log it.
    public var debugDescription: String {
        var length = 0
        guard let json = bson_as_canonical_extended_json(pointer, &length) else { return "<invalid BSON>" }
        defer { bson_free(json) }
        return String(cString: json)
    }
}
