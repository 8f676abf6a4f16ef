import BSON
import Foundation
import Testing

@testable import Mongo

/// `PersonaDocument(stored:)` must read what `BSONDecoder` reads, and refuse what it refuses.
struct PersonaDocumentFieldsTests {
    static let id = ObjectID()
    static let owner = ObjectID()
    static let folder = ObjectID()

    static func profile(age: BSONValue = .int64(34)) -> BSONValue {
        [
            "name": "Zoë \"Q\" \n 😀", "age": age, "gender": "female", "location": "Leeds", "occupation": "Nurse",
            "income_band": "middle", "attitude": "pragmatist", "bio": "", "quote": "q",
            "psychographics": ["values": ["a", "b"], "motivations": [], "frustrations": ["f"], "interests": []],
            "behaviours": ["shopping": [], "media": ["radio"], "technology": ["t"]],
            "provenance": [
                ["field": "age", "source": "customer_data", "rows": [.int32(1), .int64(2), .double(3)]],
                ["field": "name", "source": "inferred", "rows": []],
            ],
        ]
    }

    static func stored(
        folder: BSONValue? = .objectID(folder), generation: BSONValue = ["task_id": "t1", "brief": "b"],
        age: BSONValue = .int64(34), id: BSONValue = .objectID(id)
    ) -> BSONDocument {
        var pairs: [(String, BSONValue)] = [("_id", id), ("user_id", .objectID(owner))]
        if let folder { pairs.append(("folder_id", folder)) }
        pairs += [
            ("profile", profile(age: age)), ("generation", generation),
            ("created_at", .date(Date(timeIntervalSince1970: 1_764_000_000.123))),
            ("updated_at", .date(Date(timeIntervalSince1970: 1_764_000_001.5))),
        ]
        return BSONDocument(pairs)
    }

    static let readable: [BSONDocument] = [
        stored(),
        stored(folder: nil),
        stored(folder: .null),
        stored(generation: [:]),
        stored(generation: ["task_id": .null, "brief": .null]),
        stored(age: .int32(70)),
        stored(age: .double(18)),
        stored(id: .string(id.hex)),
    ]

    @Test(arguments: readable) func readsWhatTheDecoderReads(document: BSONDocument) throws {
        let generic = try BSONDecoder().decode(PersonaDocument.self, from: document)
        let fast = try PersonaDocument(stored: document)
        #expect(try BSONEncoder().encode(fast) == (try BSONEncoder().encode(generic)))
        #expect(try fast.persona() == (try generic.persona()))
    }

    static let unreadable: [BSONDocument] = [
        stored(age: .double(18.5)),
        stored(age: "18"),
        stored(id: "not-hex"),
        stored(generation: ["task_id": .int64(3)]),
        stored(generation: .null),
        stored(folder: "x"),
        BSONDocument([("_id", .objectID(id))]),
        BSONDocument([
            ("_id", .objectID(id)), ("user_id", .objectID(owner)), ("profile", ["name": "n"]),
            ("generation", [:]), ("created_at", .date(Date())), ("updated_at", .date(Date())),
        ]),
    ]

    @Test(arguments: unreadable) func refusesWhatTheDecoderRefuses(document: BSONDocument) throws {
        let generic = #expect(throws: BSONError.self) { try BSONDecoder().decode(PersonaDocument.self, from: document) }
        let fast = #expect(throws: BSONError.self) { try PersonaDocument(stored: document) }
        #expect(fast?.code == generic?.code)
    }
}
