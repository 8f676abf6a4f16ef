import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct PersonaUseCaseTests {
    let clock = MockClock()
    let store = InMemoryPersonas()
    let ada = UserID("a1")
    let bob = UserID("b2")

    var create: PersonaCreation { PersonaCreation(personas: store, folders: store, clock: clock) }
    var edit: PersonaEditing { PersonaEditing(personas: store, clock: clock) }
    var lookup: PersonaLookup { PersonaLookup(personas: store) }
    var search: PersonaSearch { PersonaSearch(personas: store, folders: store) }
    var deletion: PersonaDeletion { PersonaDeletion(personas: store) }
    var move: PersonaMove { PersonaMove(personas: store, folders: store) }
    var page: PageRequest { get throws { try #require(PageRequest()) } }

    static func profile(_ name: String = "Ada Lovelace", age: Int = 36, occupation: String = "Analyst")
        -> PersonaProfile
    {
        PersonaProfile(
            name: name, age: age, gender: .female, location: "London", occupation: occupation,
            incomeBand: .upperMiddle, attitude: .enthusiast, bio: "Likes engines.")
    }

    @Test func creationTrimsTextAndStampsOwnerAndTimes() throws {
        var profile = Self.profile()
        profile.name = "  Ada Lovelace \n"
        let persona = try create(by: ada, profile: profile, in: nil)
        #expect(persona.profile.name == "Ada Lovelace")
        #expect(persona.ownerID == ada)
        #expect(persona.createdAt == clock.now)
        #expect(persona.updatedAt == clock.now)
        #expect(persona.generation == .manual)
    }

    @Test(arguments: [17, 101, -1, 0])
    func agesOutsideEighteenToHundredAreRefused(age: Int) {
        #expect(throws: DomainError.invalid("age", "age must be between 18 and 100.")) {
            try create(by: ada, profile: Self.profile(age: age), in: nil)
        }
    }

    @Test func oversizeAndEmptyTextIsAFieldError() throws {
        let long = String(repeating: "x", count: 81)
        #expect(throws: DomainError.invalid("name", "name must be at most 80 characters.")) {
            try create(by: ada, profile: Self.profile(long), in: nil)
        }
        #expect(throws: DomainError.invalid("name", "name must not be empty.")) {
            try create(by: ada, profile: Self.profile("   "), in: nil)
        }
        var controls = Self.profile()
        controls.location = "Lon\u{0}don"
        #expect(throws: DomainError.invalid("location", "location must not contain control characters.")) {
            try create(by: ada, profile: controls, in: nil)
        }
    }

    @Test func listsAreBoundedInCountAndItemLength() throws {
        var profile = Self.profile()
        profile.psychographics.values = Array(repeating: "honesty", count: 13)
        #expect(
            throws: DomainError.invalid("psychographics.values", "psychographics.values may list at most 12 items.")
        ) {
            try create(by: ada, profile: profile, in: nil)
        }
        profile.psychographics.values = ["ok"]
        profile.behaviours.media = ["ok", ""]
        #expect(throws: DomainError.invalid("behaviours.media[1]", "behaviours.media[1] must not be empty.")) {
            try create(by: ada, profile: profile, in: nil)
        }
    }

    @Test func anotherUsersPersonaIsNotFoundForEveryOperation() throws {
        let persona = try create(by: ada, profile: Self.profile(), in: nil)
        #expect(throws: DomainError(.notFound, "No such persona.")) { try lookup(persona.id, by: bob) }
        var patch = PersonaPatch()
        patch.name = "Stolen"
        #expect(throws: DomainError(.notFound, "No such persona.")) { try edit(persona.id, by: bob, patch: patch) }
        #expect(throws: DomainError(.notFound, "No such persona.")) { try deletion(persona.id, by: bob) }
        #expect(try deletion([persona.id], by: bob) == 0)
        #expect(try move([persona.id], by: bob, to: nil) == 0)
        #expect(try lookup(persona.id, by: ada).profile.name == "Ada Lovelace")
    }

    @Test func editingChangesOnlyPatchedFieldsAndDropsTheirProvenance() throws {
        var profile = Self.profile()
        profile.provenance = PersonaProvenance([
            "age": .init(source: .customerData, rows: [3]), "name": .init(source: .inferred),
        ])
        let persona = try create(by: ada, profile: profile, in: nil)
        clock.advance(by: 60)
        var patch = PersonaPatch()
        patch.age = 40
        let edited = try edit(persona.id, by: ada, patch: patch)
        #expect(edited.profile.age == 40)
        #expect(edited.profile.name == "Ada Lovelace")
        #expect(edited.profile.provenance.origins.keys.sorted() == ["name"])
        #expect(edited.updatedAt == clock.now)
        #expect(edited.createdAt == persona.createdAt)
        patch.age = 12
        #expect(throws: DomainError.self) { try edit(persona.id, by: ada, patch: patch) }
    }

    @Test func searchIsCaseInsensitiveOverNameOccupationLocationAndBio() throws {
        _ = try create(by: ada, profile: Self.profile("Grace Hopper", occupation: "Admiral (Navy)"), in: nil)
        _ = try create(by: ada, profile: Self.profile("Alan Turing", occupation: "Mathematician"), in: nil)
        _ = try create(by: bob, profile: Self.profile("Grace Other"), in: nil)
        let found = try search(by: ada, filter: PersonaFilter(text: "  GRACE "), page: try page)
        #expect(found.items.map(\.profile.name) == ["Grace Hopper"])
        #expect(try search(by: ada, filter: PersonaFilter(text: "(navy)"), page: try page).total == 1)
        #expect(try search(by: ada, filter: PersonaFilter(text: "london"), page: try page).total == 2)
        #expect(try search(by: ada, filter: PersonaFilter(text: ".*"), page: try page).total == 0)
    }

    @Test func filtersAndPaginationReportTheTotal() throws {
        for index in 0..<7 {
            var profile = Self.profile("P\(index)", age: 20 + index * 10)
            profile.gender = index.isMultiple(of: 2) ? .female : .male
            _ = try create(by: ada, profile: profile, in: nil)
            clock.advance(by: 1)
        }
        let second = try search(
            by: ada, filter: PersonaFilter(), page: try #require(PageRequest(page: 2, perPage: 3)))
        #expect(second.total == 7)
        #expect(second.items.map(\.profile.name) == ["P3", "P2", "P1"])
        let women = try search(by: ada, filter: PersonaFilter(gender: .female, ageMin: 30, ageMax: 70), page: try page)
        #expect(women.items.map(\.profile.name) == ["P4", "P2"])
        #expect(throws: DomainError.invalid("age_max", "age_max must not be below age_min.")) {
            try search(by: ada, filter: PersonaFilter(ageMin: 50, ageMax: 40), page: try page)
        }
    }

    @Test func moveNeedsAFolderOfYourOwnAndSkipsOthersPersonas() throws {
        let folders = FolderCreation(folders: store, clock: clock)
        let mine = try folders(by: ada, name: "Mine", parent: nil)
        let theirs = try folders(by: bob, name: "Theirs", parent: nil)
        let a = try create(by: ada, profile: Self.profile(), in: nil)
        let b = try create(by: bob, profile: Self.profile(), in: nil)
        #expect(throws: DomainError(.notFound, "No such folder.", field: "folder_id")) {
            try move([a.id], by: ada, to: theirs.id)
        }
        #expect(try move([a.id, b.id, a.id, PersonaID("nope")], by: ada, to: mine.id) == 1)
        #expect(try lookup(a.id, by: ada).folderID == mine.id)
        #expect(try lookup(b.id, by: bob).folderID == nil)
        let filed = try search(by: ada, filter: PersonaFilter(folder: .folder(mine.id)), page: try page)
        #expect(filed.items.map(\.id) == [a.id])
        #expect(try search(by: ada, filter: PersonaFilter(folder: .unfiled), page: try page).total == 0)
        #expect(throws: DomainError(.notFound, "No such folder.", field: "folder_id")) {
            try search(by: ada, filter: PersonaFilter(folder: .folder(theirs.id)), page: try page)
        }
    }

    @Test func bulkDeleteIsBoundedAndCountsOnlyYourOwn() throws {
        let a = try create(by: ada, profile: Self.profile(), in: nil)
        let b = try create(by: bob, profile: Self.profile(), in: nil)
        #expect(throws: DomainError.invalid("ids", "ids must list 1 to 100 personas.")) { try deletion([], by: ada) }
        let tooMany = (0...100).map { PersonaID("id\($0)") }
        #expect(throws: DomainError.invalid("ids", "ids must list 1 to 100 personas.")) {
            try deletion(tooMany, by: ada)
        }
        #expect(try deletion([a.id, a.id, b.id], by: ada) == 1)
        #expect(try store.persona(id: b.id, owner: bob) != nil)
    }

    @Test func avatarIsDeterministicFromIdAndName() {
        let one = PersonaAvatar(id: PersonaID("650000000000000000000001"), name: "ada  lovelace-byron")
        let again = PersonaAvatar(id: PersonaID("650000000000000000000001"), name: "Someone Else")
        #expect(one.initials == "AB")
        #expect(one.seed == "650000000000000000000001")
        #expect(one.hue == again.hue)
        #expect((0..<360).contains(one.hue))
        #expect(PersonaAvatar(id: PersonaID("x"), name: "Émile").initials == "É")
        #expect(PersonaAvatar(id: PersonaID("x"), name: "42").initials == "?")
    }
}
