import BSON
import Foundation
import Testing

struct BSONDocumentTests {
    @Test func codeBuiltDocumentsKeepKeyOrderAndAllowOperators() throws {
        let id = ObjectID()
        let doc: BSONDocument = [
            "_id": .objectID(id), "credits_balance": ["$gte": 3], "pending_ledger.key": ["$ne": "k"],
            "z": nil, "a": [1, 2.5, "s", true],
        ]
        #expect(try doc.elements.map(\.key) == ["_id", "credits_balance", "pending_ledger.key", "z", "a"])
        #expect(doc["credits_balance"]?["$gte"] == .int64(3))
        #expect(doc["z"] == .null)
        #expect(doc["a"] == .array([.int64(1), .double(2.5), .string("s"), .bool(true)]))
        #expect(doc["missing"] == nil)
    }

    @Test func everyValueIsWrittenWithItsDeclaredTypeByte() throws {
        let values: [BSONValue] = [
            ["k": 1], [1], "s", .int32(1), .int64(1), .double(1), true, .date(Date()), .objectID(ObjectID()),
            .binary([1]), nil,
        ]
        let doc = BSONDocument(values.enumerated().map { ("v\($0.offset)", $0.element) })
        let types = RawBSON.typeBytes(doc.bytes)
        for (index, value) in values.enumerated() {
            #expect(types["v\(index)"] == value.typeByte)
        }
        #expect(try doc.elements.map(\.value) == values)
    }

    @Test func bytesRoundTripToAnEqualDocument() throws {
        let doc = BSONDocument([("s", "with \u{0} nul"), ("when", .date(Date(timeIntervalSince1970: 12.345)))])
        let copy = try BSONDocument(bytes: doc.bytes)
        #expect(copy == doc)
        #expect(copy["s"] == .string("with \u{0} nul"))
        #expect(RawBSON.typeBytes(copy.bytes)["when"] == 0x09)
    }

    @Test func malformedBytesAreRejected() throws {
        let good = BSONDocument([("k", "value")]).bytes
        var truncated = good
        truncated.removeLast()
        var badLength = good
        badLength[0] = 0xFF
        var badInner = good
        badInner[7] = 0x7F  // string length prefix points past the end
        var badUTF8 = good
        badUTF8[good.count - 3] = 0xFF
        for bytes in [[], [0, 0, 0], truncated, badLength, badInner] {
            let error = try #require(throws: BSONError.self) { try BSONDocument(bytes: bytes) }
            #expect(error.code == .malformed)
        }
        let invalidString = try #require(throws: BSONError.self) { try BSONDocument(bytes: badUTF8).elements }
        #expect(invalidString.code == .malformed)
        #expect(try BSONDocument(bytes: [5, 0, 0, 0, 0]).isEmpty)
    }

    @Test func objectIDParsesHexAndReportsItsDate() throws {
        let id = ObjectID()
        #expect(ObjectID(hex: id.hex) == id)
        #expect(ObjectID(hex: id.hex.uppercased()) == id)
        #expect(id.hex.count == 24)
        #expect(abs(id.date.timeIntervalSinceNow) < 60)
        #expect(ObjectID(hex: "xyz") == nil)
        #expect(ObjectID(hex: String(repeating: "g", count: 24)) == nil)
        #expect(ObjectID(hex: "000000000000000000000001")?.bytes == Array(repeating: 0, count: 11) + [1])
        #expect(ObjectID() != ObjectID())
    }
}
