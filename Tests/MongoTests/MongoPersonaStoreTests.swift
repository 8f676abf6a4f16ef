import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoPersonaStoreTests {
    let fixture: MongoFixture
    let personas: MongoPersonaStore
    let folders: MongoFolderStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        fixture = try MongoFixture()
        personas = MongoPersonaStore(pool: fixture.pool, database: fixture.database)
        folders = MongoFolderStore(pool: fixture.pool, database: fixture.database)
    }

    static func profile(
        _ name: String, age: Int = 30, gender: PersonaGender = .female, occupation: String = "Nurse",
        bio: String = ""
    ) -> PersonaProfile {
        PersonaProfile(
            name: name, age: age, gender: gender, location: "Leeds", occupation: occupation, incomeBand: .middle,
            attitude: .pragmatist, bio: bio, quote: "Fine.",
            psychographics: PersonaPsychographics(values: ["thrift"], interests: ["cycling"]),
            behaviours: PersonaBehaviours(media: ["radio"]),
            provenance: PersonaProvenance([
                "age": .init(source: .customerData, rows: [2, 7]), "bio": .init(source: .inferred),
            ]))
    }

    @discardableResult
    func insert(_ profile: PersonaProfile, owner: UserID? = nil, folder: FolderID? = nil, offset: Double = 0) throws
        -> Persona
    {
        try personas.insert(
            NewPersona(
                ownerID: owner ?? ada, folderID: folder, profile: profile,
                generation: PersonaGeneration(taskID: "t1", brief: "Commuters"),
                createdAt: start.addingTimeInterval(offset)))
    }

    func page(_ number: Int = 1, _ size: Int = 20) throws -> PageRequest {
        try #require(PageRequest(page: number, perPage: size))
    }

    @Test func aPersonaRoundTripsThroughItsDocument() throws {
        let created = try insert(Self.profile("Ada Smith"))
        let read = try #require(try personas.persona(id: created.id, owner: ada))
        #expect(read == created)
        #expect(read.profile.provenance.origins["age"]?.rows == [2, 7])
        #expect(read.generation.brief == "Commuters")
        #expect(read.folderID == nil)
    }

    @Test func anotherOwnerNeitherReadsNorChangesNorDeletes() throws {
        let created = try insert(Self.profile("Ada Smith"))
        #expect(try personas.persona(id: created.id, owner: bob) == nil)
        #expect(try personas.update(created.id, owner: bob, profile: Self.profile("X"), at: start) == nil)
        #expect(try personas.delete([created.id], owner: bob) == 0)
        #expect(try personas.move([created.id], owner: bob, to: nil) == 0)
        #expect(try personas.personas(of: bob, matching: PersonaFilter(), page: page()).total == 0)
        #expect(try personas.persona(id: PersonaID("not-an-id"), owner: ada) == nil)
        #expect(try personas.persona(id: created.id, owner: ada)?.profile.name == "Ada Smith")
    }

    @Test func updateReplacesTheProfileAndStampsTheTime() throws {
        let created = try insert(Self.profile("Ada Smith"))
        let later = start.addingTimeInterval(90)
        let updated = try #require(
            try personas.update(created.id, owner: ada, profile: Self.profile("Ada Jones", age: 44), at: later))
        #expect(updated.profile.name == "Ada Jones")
        #expect(updated.profile.age == 44)
        #expect(updated.updatedAt == later)
        #expect(updated.createdAt == created.createdAt)
    }

    @Test func searchTreatsTheTextLiterallyAndIgnoresCase() throws {
        try insert(Self.profile("Grace (Admiral) Hopper", occupation: "Navy"))
        try insert(Self.profile("Alan Turing", occupation: "C++ dev", bio: "Loves a.b"))
        try insert(Self.profile("Grace Other"), owner: bob)
        func names(_ text: String) throws -> [String] {
            try personas.personas(of: ada, matching: PersonaFilter(text: text), page: page()).items.map(\.profile.name)
                .sorted()
        }
        #expect(try names("GRACE") == ["Grace (Admiral) Hopper"])
        #expect(try names("(admiral)") == ["Grace (Admiral) Hopper"])
        #expect(try names("c++") == ["Alan Turing"])
        #expect(try names("a.b") == ["Alan Turing"])
        #expect(try names(".*") == [])
        #expect(try names("^") == [])
        #expect(try names("leeds").count == 2)
        #expect(try names("[a-z]") == [])
        #expect(try names("\\") == [])
    }

    @Test func theDatabaseQueryAgreesWithTheInMemoryFilter() throws {
        let folder = try folders.insert(
            NewFolder(ownerID: ada, name: try #require(FolderName("F")), parentID: nil, createdAt: start))
        var all: [Persona] = []
        for index in 0..<9 {
            let profile = Self.profile(
                "P\(index)", age: 18 + index * 10, gender: index.isMultiple(of: 3) ? .male : .female,
                occupation: index.isMultiple(of: 2) ? "Teacher" : "Nurse")
            all.append(try insert(profile, folder: index < 4 ? folder.id : nil, offset: Double(index)))
        }
        try insert(Self.profile("Other"), owner: bob)
        let filters = [
            PersonaFilter(), PersonaFilter(text: "teach"), PersonaFilter(folder: .unfiled),
            PersonaFilter(folder: .folder(folder.id)), PersonaFilter(gender: .male),
            PersonaFilter(ageMin: 38, ageMax: 68), PersonaFilter(text: "nurse", folder: .unfiled, gender: .female),
        ]
        for filter in filters {
            let expected = all.filter(filter.matches).sorted { $0.createdAt > $1.createdAt }.map(\.id)
            let found = try personas.personas(of: ada, matching: filter, page: page(1, 100))
            #expect(found.items.map(\.id) == expected, "\(filter)")
            #expect(found.total == expected.count, "\(filter)")
        }
    }

    @Test func pagesAreNewestFirstWithTheFullTotal() throws {
        for index in 0..<7 { try insert(Self.profile("P\(index)"), offset: Double(index)) }
        // Two created in the same millisecond: the id breaks the tie, so pages never overlap.
        try insert(Self.profile("Same A"), offset: 10)
        try insert(Self.profile("Same B"), offset: 10)
        var seen: [String] = []
        for number in 1...3 {
            let result = try personas.personas(of: ada, matching: PersonaFilter(), page: page(number, 3))
            #expect(result.total == 9)
            seen += result.items.map(\.profile.name)
        }
        #expect(seen == ["Same B", "Same A", "P6", "P5", "P4", "P3", "P2", "P1", "P0"])
        #expect(try personas.personas(of: ada, matching: PersonaFilter(), page: page(4, 3)).items.isEmpty)
        // A short last page and a page past the end still carry the full total.
        #expect(try personas.personas(of: ada, matching: PersonaFilter(), page: page(2, 5)).total == 9)
        #expect(try personas.personas(of: ada, matching: PersonaFilter(), page: page(4, 3)).total == 9)
    }

    @Test func bulkDeleteAndMoveCountOnlyTheOwnersPersonas() throws {
        let mine = try (0..<3).map { try insert(Self.profile("M\($0)")) }
        let theirs = try insert(Self.profile("T"), owner: bob)
        let folder = FolderID(ObjectID().hex)
        let ids = mine.map(\.id) + [theirs.id, PersonaID("garbage")]
        #expect(try personas.move(ids, owner: ada, to: folder) == 3)
        #expect(try personas.countsByFolder(owner: ada) == [folder: 3])
        #expect(try personas.persona(id: theirs.id, owner: bob)?.folderID == nil)
        try personas.moveAll(owner: ada, from: folder, to: nil)
        #expect(try personas.countsByFolder(owner: ada).isEmpty)
        #expect(try personas.delete([mine[0].id, mine[1].id, theirs.id], owner: ada) == 2)
        #expect(try personas.persona(id: theirs.id, owner: bob) != nil)
        #expect(try personas.personas(of: ada, matching: PersonaFilter(), page: page()).total == 1)
    }
}
