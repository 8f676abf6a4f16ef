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
    guard let elements = try? document.elements else { return 0 }
    let written = BSONDocument(elements.map { ($0.key, $0.value) })
    guard let rereadElements = try? written.elements else { fatalError("a document we wrote does not read back") }
    let rewritten = BSONDocument(rereadElements.map { ($0.key, $0.value) })
    guard rewritten == written else { fatalError("BSON write → read → write changed the bytes") }
    if let encoded = try? BSONEncoder().encode(StoredRecord?.none) { _ = encoded.bytes }
    return 0
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
