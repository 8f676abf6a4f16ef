import Domain
import Foundation
import HTTPCore
import Testing

@testable import CohortaFCGI

/// `JSONWriter` output for the persona routes must be the bytes `JSONCoding.encoder()` gives for the same
/// representation: same keys and order, escaping, null handling and date format.
@Suite struct PersonaRepresentationJSONTests {
    static let awkward = "Zoë \"Q\" \\ / \n\r\t\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F} \u{2028}\u{2029} 😀 \u{FEFF}é"

    static func persona(
        name: String = "Maya Chen", text: String = "plain", folder: String? = nil,
        generation: PersonaGeneration = PersonaGeneration(), origins: [String: PersonaProvenance.Origin] = [:],
        created: Date = Date(timeIntervalSince1970: 1_764_000_000.999), updated: Date? = nil
    ) -> Persona {
        let profile = PersonaProfile(
            name: name, age: 34, gender: .nonBinary, location: text, occupation: text, incomeBand: .upperMiddle,
            attitude: .enthusiast, bio: text, quote: text,
            psychographics: PersonaPsychographics(
                values: [text, "b"], motivations: [], frustrations: ["x"], interests: [text]),
            behaviours: PersonaBehaviours(shopping: [text], media: [], technology: ["t", text]),
            provenance: PersonaProvenance(origins))
        return Persona(
            id: PersonaID("650000000000000000000001"), ownerID: UserID("650000000000000000000002"),
            folderID: folder.map(FolderID.init), profile: profile, generation: generation, createdAt: created,
            updatedAt: updated ?? created)
    }

    static let cases: [Persona] = [
        persona(),
        persona(name: awkward, text: awkward, folder: "650000000000000000000003"),
        persona(generation: PersonaGeneration(taskID: "task-1", brief: awkward)),
        persona(generation: PersonaGeneration(taskID: nil, brief: "only a brief")),
        persona(generation: PersonaGeneration(taskID: "only-a-task", brief: nil)),
        persona(
            origins: Dictionary(
                uniqueKeysWithValues: PersonaProvenance.fields.enumerated().map { offset, field in
                    (
                        field,
                        PersonaProvenance.Origin(
                            source: offset.isMultiple(of: 2) ? .inferred : .customerData, rows: Array(0..<(offset % 4)))
                    )
                })),
        persona(created: Date(timeIntervalSince1970: -1.5), updated: Date(timeIntervalSince1970: 0)),
        persona(
            created: Date(timeIntervalSince1970: 951_782_400.5), updated: Date(timeIntervalSince1970: 253_402_300_799)),
        persona(
            created: Date(timeIntervalSince1970: -62_135_596_800),
            updated: Date(timeIntervalSince1970: 4_102_444_799.9999)),
    ]

    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        Array(try JSONCoding.encoder().encode(value))
    }

    @Test(arguments: cases) func aPersonaIsWrittenAsJSONEncoderWritesIt(persona: Persona) throws {
        let representation = PersonaRepresentation(persona)
        var writer = JSONWriter()
        representation.write(to: &writer)
        let expected = try Self.encoded(representation)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(writer.bytes == expected)
    }

    @Test(arguments: [0, 1, 20]) func aPageIsWrittenAsJSONEncoderWritesIt(count: Int) throws {
        let items = (0..<count).map { Self.cases[$0 % Self.cases.count] }
        let page = Page(items: items, request: try #require(PageRequest(page: 2)), total: 45)
        let representation = PageRepresentation(page, PersonaRepresentation.init)
        let response = HTTPResponse.json(representation)
        #expect(response.body == (try Self.encoded(representation)))
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func datesMatchFoundationAcrossTheCalendar() throws {
        var second: Double = -62_135_596_800
        while second < 253_402_300_800 {
            let dates = [Date(timeIntervalSince1970: second), Date(timeIntervalSince1970: second + 0.75)]
            var writer = JSONWriter()
            writer.array { json in
                for date in dates { json.date(date) }
            }
            #expect(writer.bytes == (try Self.encoded(dates)), "at \(second)")
            second += 86_400 * 370 + 3_671
        }
    }
}
