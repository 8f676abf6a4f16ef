import BSON
import Foundation
import Testing

@testable import Mongo

/// What nx-27017 does to a change event's full document, and the repair (a no-op on MongoDB's).
struct ChangeFeedDocumentRepairTests {
    let id = ObjectID()

    @Test func nxTextDatesReadAsWholeMilliseconds() {
        let expected = Date(timeIntervalSince1970: 1_800_000_000.1).millisecondPrecision
        for text in [
            "2027-01-15T08:00:00.100000", "2027-01-15 08:00:00.100000", "2027-01-15T08:00:00.1Z",
            "2027-01-15 08:00:00.100+00:00",
        ] {
            #expect(NXStoredDate.date(text) == expected, "\(text)")
        }
        #expect(NXStoredDate.date("2024-02-29 23:59:59") == Date(timeIntervalSince1970: 1_709_251_199))
        #expect(NXStoredDate.date("1969-12-31T23:59:59") == Date(timeIntervalSince1970: -1))
        for text in ["", "2024-02-29", "2024-13-01 00:00:00", "2024-01-01 25:00:00", "yesterday at noon"] {
            #expect(NXStoredDate.date(text) == nil, "\(text)")
        }
    }

    @Test func mangledObjectIDsDatesAndBinaryAreRestoredAtAnyDepth() {
        let mangledID: BSONValue = ["__neosqlite_objectid__": true, "id": .string(id.hex)]
        let mangled: BSONValue = [
            "_id": mangledID, "user_id": mangledID,
            "nested": ["ids": [mangledID], "at": ["$date": "2024-01-01T00:00:00"]],
            "blob": ["__neosqlite_binary__": true, "data": "AAE=", "subtype": 0], "n": 3, "text": "$date",
        ]
        let repaired: BSONValue = [
            "_id": .objectID(id), "user_id": .objectID(id),
            "nested": ["ids": [.objectID(id)], "at": .date(Date(timeIntervalSince1970: 1_704_067_200))],
            "blob": .binary([0, 1]), "n": 3, "text": "$date",
        ]
        #expect(NXDocumentRepair.repaired(mangled) == repaired)
        #expect(NXDocumentRepair.repaired(repaired) == repaired)
    }

    @Test func theFullDocumentKeepsItsOwnIDAndTakesTheKeysOnlyWhenItHasNone() throws {
        let hex = ObjectID().hex
        // nx-27017 reports a string `_id` of 24 hex digits as an ObjectId in `documentKey`.
        let event: BSONDocument = [
            "_id": ["_data": "nx:7"], "operationType": "update", "documentKey": ["_id": .objectID(id)],
            "fullDocument": ["_id": .string(hex), "kind": "idle"],
        ]
        #expect(try ChangeEvent(event).fullDocument?["_id"] == .string(hex))
        let withoutID: BSONDocument = [
            "operationType": "insert", "documentKey": ["_id": .objectID(id)], "fullDocument": ["kind": "idle"],
        ]
        #expect(try ChangeEvent(withoutID).fullDocument?["_id"] == .objectID(id))
        let invalidate: BSONDocument = ["_id": ["_data": "nx:8"], "operationType": "invalidate"]
        #expect(try ChangeEvent(invalidate).isInvalidate)
        #expect(try ChangeEvent(invalidate).fullDocument == nil)
    }
}
