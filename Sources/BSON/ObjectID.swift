internal import CMongoc
public import Foundation

/// A 12-byte MongoDB ObjectId. In BSON it is written natively (type 0x07); any other encoder
/// (JSON, logs) sees its 24-character lower-case hex form.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Bytes 0…7 and 8…11, big-endian, so comparison orders like the server does.
    private let high: UInt64
    private let low: UInt32

    /// A fresh id from libbson's process-wide, thread-safe generator (timestamp, random, counter).
    public init() {
        var oid = bson_oid_t()
        bson_oid_init(&oid, nil)
        self.init(oid)
    }

    /// Exactly 24 hex digits (either case); nil for anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for index in stride(from: 0, to: 24, by: 2) {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.init(bytes: bytes)
    }

    /// Exactly 12 bytes; nil otherwise.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.init(validBytes: bytes)
    }

    private init(validBytes bytes: [UInt8]) {
        high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8..<12].reduce(0) { $0 << 8 | UInt32($1) }
    }

    init(_ oid: bson_oid_t) {
        self.init(validBytes: withUnsafeBytes(of: oid.bytes) { Array($0) })
    }

    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<4).map { UInt8(truncatingIfNeeded: low >> (24 - 8 * $0)) }
    }

    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// When the id was generated (second precision: the first four bytes).
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(high >> 32)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    var oid: bson_oid_t {
        var oid = bson_oid_t()
        let bytes = self.bytes
        withUnsafeMutableBytes(of: &oid.bytes) { $0.copyBytes(from: bytes) }
        return oid
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): char - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Outside BSON an id is its hex string; `BSONEncoder`/`BSONDecoder` intercept it and write type 0x07.
extension ObjectID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let hex = try container.decode(String.self)
        guard let id = ObjectID(hex: hex) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a 24-digit hex ObjectId.")
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
