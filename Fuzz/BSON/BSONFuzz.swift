import BSON
import Domain
import Foundation

/// libFuzzer entry: arbitrary bytes as a stored MongoDB document. `BSONDocument(bytes:)` validates, then the
/// reader, the lookups and `BSONDecoder` (into the shapes stored documents use, free JSON included) must
/// throw or answer, never trap; a document that reads must write back and read again to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let document = try? BSONDocument(bytes: bytes) else { return 0 }
    _ = document.isEmpty
    _ = document["_id"]
    _ = document.document(forKey: "data")?.bytes
    _ = try? BSONDecoder().decode(StoredRecord.self, from: document)
    _ = try? BSONDecoder().decode(JSONValue.self, from: document)
    guard let elements = try? document.elements, elements.allSatisfy({ keepsMilliseconds($0.value) }) else { return 0 }
    let written = BSONDocument(elements.map { ($0.key, $0.value) })
    guard let rereadElements = try? written.elements else { fatalError("a document we wrote does not read back") }
    let rewritten = BSONDocument(rereadElements.map { ($0.key, $0.value) })
    guard rewritten == written else { fatalError("BSON write → read → write changed the bytes") }
    if let encoded = try? BSONEncoder().encode(StoredRecord?.none) { _ = encoded.bytes }
    return 0
}

/// `Date` is a Double of seconds since 2001, and a BSON datetime goes through ms → s since 1970 → s since 2001
/// and back, each step rounding. Near 2^42 s (year ±140 000) the spacing of doubles is about 1 ms, so such a
/// datetime may move by 1 ms on each write (seed 1 found one). Below 2^38 s (beyond year 10 000, the end of
/// any date the API accepts) the spacing is 1/16 ms and the round trip is exact; stability is asked only there.
private func keepsMilliseconds(_ value: BSONValue) -> Bool {
    switch value {
    case .date(let date): abs(date.timeIntervalSinceReferenceDate) < 0x1p38
    case .document(let pairs): pairs.allSatisfy { keepsMilliseconds($0.1) }
    case .array(let items): items.allSatisfy(keepsMilliseconds)
    default: true
    }
}

/// The field kinds the Mongo stores read: ids, strings, exact integers, doubles, flags, dates, lists,
/// nested documents, binary and free JSON.
private struct StoredRecord: Codable {
    struct Entry: Codable {
        let name: String
        let count: Int32?
    }

    let id: ObjectID
    let owner: String?
    let seq: Int64?
    let credits: Int?
    let cost: Double?
    let disabled: Bool?
    let createdAt: Date?
    let tags: [String]?
    let entries: [Entry]?
    let payload: [UInt8]?
    let result: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case owner, seq, credits, cost, disabled, tags, entries, payload, result
        case createdAt = "created_at"
    }
}
