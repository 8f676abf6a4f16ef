import BSON
import Foundation
import Testing

struct BSONCodableTests {
    struct Scalars: Codable, Equatable {
        var small64: Int64
        var big64: Int64
        var int: Int
        var int32: Int32
        var double: Double
        var integralDouble: Double
        var flag: Bool
        var text: String
    }

    struct Nested: Codable, Equatable {
        struct Item: Codable, Equatable {
            var name: String
            var tags: [String]
        }

        var id: ObjectID
        var createdAt: Date
        var items: [Item]
        var matrix: [[Int32]]
        var note: String?
        var blob: Data
        var bytes: [UInt8]
        var lookup: [String: Int64]
    }

    let encoder = BSONEncoder()
    let decoder = BSONDecoder()

    @Test func integerAndDoubleFieldsKeepTheirExactBSONTypes() throws {
        let value = Scalars(
            small64: 42, big64: 9_007_199_254_740_993, int: 7, int32: 3, double: 0.1, integralDouble: 5.0,
            flag: true, text: "héllo \"world\"")
        let doc = try encoder.encode(value)
        let types = RawBSON.typeBytes(doc.bytes)
        #expect(types["small64"] == 0x12)
        #expect(types["big64"] == 0x12)
        #expect(types["int"] == 0x12)
        #expect(types["int32"] == 0x10)
        #expect(types["double"] == 0x01)
        #expect(types["integralDouble"] == 0x01)
        #expect(types["flag"] == 0x08)
        #expect(types["text"] == 0x02)
        #expect(doc["integralDouble"] == .double(5.0))
        #expect(doc["small64"] == .int64(42))
        #expect(try decoder.decode(Scalars.self, from: doc) == value)
    }

    @Test func nestedArraysDatesIdsAndBinaryRoundTrip() throws {
        let value = Nested(
            id: ObjectID(), createdAt: Date(timeIntervalSince1970: 1_700_000_000.123),
            items: [.init(name: "a", tags: ["x", "y"]), .init(name: "b", tags: [])], matrix: [[1, 2], [], [3]],
            note: "n", blob: Data([0, 1, 2, 255]), bytes: [9, 8], lookup: ["k": 1])
        let doc = try encoder.encode(value)
        let types = RawBSON.typeBytes(doc.bytes)
        #expect(types["id"] == 0x07)
        #expect(types["createdAt"] == 0x09)
        #expect(types["items"] == 0x04)
        #expect(types["blob"] == 0x05)
        #expect(types["bytes"] == 0x05)
        #expect(types["lookup"] == 0x03)
        let back = try decoder.decode(Nested.self, from: BSONDocument(bytes: doc.bytes))
        #expect(back == value)
    }

    @Test func datesKeepMillisecondPrecision() throws {
        struct Stamp: Codable { var at: Date }
        let at = Date(timeIntervalSince1970: 1_700_000_000.123_456)
        let back = try decoder.decode(Stamp.self, from: encoder.encode(Stamp(at: at)))
        #expect(back.at.timeIntervalSince1970 == 1_700_000_000.123)
        let early = Date(timeIntervalSince1970: -86_400.5)
        #expect(try decoder.decode(Stamp.self, from: encoder.encode(Stamp(at: early))).at == early)
    }

    @Test func nilOptionalsAreOmittedAndDecodeAsNil() throws {
        struct Maybe: Codable, Equatable {
            var present: Int64?
            var absent: String?
        }
        let doc = try encoder.encode(Maybe(present: 1, absent: nil))
        #expect(try doc.elements.map(\.key) == ["present"])
        #expect(try decoder.decode(Maybe.self, from: doc) == Maybe(present: 1, absent: nil))
    }

    @Test func integerFieldsAcceptExactInt32Int64AndDouble() throws {
        struct Count: Codable { var n: Int64 }
        for stored: BSONValue in [.int32(5), .int64(5), .double(5.0)] {
            #expect(try decoder.decode(Count.self, from: BSONDocument([("n", stored)])).n == 5)
        }
    }

    @Test func inexactOrWrongTypesFailNamingThePath() throws {
        struct Inner: Codable { var count: Int32 }
        struct Outer: Codable { var inner: [Inner] }
        let fractional = BSONDocument([("inner", [["count": .double(5.5)]])])
        let error = try #require(throws: BSONError.self) { try decoder.decode(Outer.self, from: fractional) }
        #expect(error.code == .typeMismatch)
        #expect(error.message.contains("inner.0.count"))

        let tooBig = BSONDocument([("inner", [["count": .int64(Int64(Int32.max) + 1)]])])
        #expect(throws: BSONError.self) { try decoder.decode(Outer.self, from: tooBig) }

        let text = BSONDocument([("inner", [["count": "3"]])])
        #expect(throws: BSONError.self) { try decoder.decode(Outer.self, from: text) }

        let missing = try #require(throws: BSONError.self) {
            try decoder.decode(Outer.self, from: BSONDocument([("inner", [[:]])]))
        }
        #expect(missing.code == .missingValue)
        #expect(missing.message.contains("inner.0.count"))
    }

    @Test func dollarDottedAndNulKeysFromEncodableDataAreRefused() throws {
        for key in ["$where", "$inc", "a.b", "nul\u{0}key", "$"] {
            let error = try #require(throws: BSONError.self) { try encoder.encode([key: 1]) }
            #expect(error.code == .forbiddenKey)
        }
        struct Wrapper: Codable { var filter: [String: String] }
        let nested = try #require(throws: BSONError.self) {
            try encoder.encode(Wrapper(filter: ["$ne": "x"]))
        }
        #expect(nested.code == .forbiddenKey)
        #expect(nested.message.contains("filter"))
        #expect(try encoder.encode(["plain_key": 1, "a$b": 2])["a$b"] == .int64(2))
    }

    @Test func forbiddenKeyInANestedContainerIsReportedNotFatal() throws {
        struct Dynamic: Encodable {
            struct Key: CodingKey {
                let stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            let key: String
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var nested = container.nestedContainer(keyedBy: Key.self, forKey: Key(stringValue: key))
                try nested.encode(1, forKey: Key(stringValue: "n"))
            }
        }
        let error = try #require(throws: BSONError.self) { try encoder.encode(Dynamic(key: "$gt")) }
        #expect(error.code == .forbiddenKey)
        #expect(try encoder.encode(Dynamic(key: "ok"))["ok"] == ["n": .int64(1)])
    }

    @Test func objectIDEncodesAsHexOutsideBSON() throws {
        struct Ref: Codable { var id: ObjectID }
        let id = try #require(ObjectID(hex: "6b05e8f0a1b2c3d4e5f60718"))
        let json = try JSONEncoder().encode(Ref(id: id))
        #expect(String(decoding: json, as: UTF8.self) == #"{"id":"6b05e8f0a1b2c3d4e5f60718"}"#)
        #expect(try JSONDecoder().decode(Ref.self, from: json).id == id)
        #expect(try encoder.encode(Ref(id: id))["id"] == .objectID(id))
    }

    @Test func topLevelScalarIsNotADocument() throws {
        let error = try #require(throws: BSONError.self) { try encoder.encode(Int64(3)) }
        #expect(error.code == .typeMismatch)
    }
}
