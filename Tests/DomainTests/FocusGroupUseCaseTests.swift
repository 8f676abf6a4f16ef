import CohortaTestSupport
import Domain
import Foundation
import Synchronization
import Testing

/// Sequential stimulus ids ("st_000000000001" …), so tests can name them.
final class SequentialStimulusIDs: Sendable {
    private let next = Mutex(1)  // guards the next number

    var make: @Sendable () -> StimulusID { { self.take() } }

    private func take() -> StimulusID {
        next.withLock { number in
            defer { number += 1 }
            let hex = String(number, radix: 16)
            return StimulusID("st_" + String(repeating: "0", count: 12 - hex.count) + hex)
        }
    }
}

@Suite struct FocusGroupUseCaseTests {
    let clock = MockClock()
    let personas = InMemoryPersonas()
    let groups = InMemoryFocusGroups()
    let images = InMemoryStimulusImages()
    let tasks = InMemoryTasks()
    let ids = SequentialStimulusIDs()
    let ada = UserID("a1")
    let bob = UserID("b2")

    var create: FocusGroupCreation {
        FocusGroupCreation(groups: groups, personas: personas, clock: clock, newStimulusID: ids.make)
    }
    var lookup: FocusGroupLookup { FocusGroupLookup(groups: groups, personas: personas) }
    var search: FocusGroupSearch { FocusGroupSearch(groups: groups, personas: personas) }
    var edit: FocusGroupEditing {
        FocusGroupEditing(groups: groups, personas: personas, images: images, clock: clock, newStimulusID: ids.make)
    }
    var deletion: FocusGroupDeletion { FocusGroupDeletion(groups: groups, images: images) }
    func upload(activeTasks: Int = 3) -> StimulusImageUpload {
        StimulusImageUpload(
            groups: groups, personas: personas, images: images,
            launch: TaskLauncher(store: tasks, clock: clock, policy: TaskPolicy(activePerUser: activeTasks)),
            clock: clock, newStimulusID: ids.make)
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    func panel(_ count: Int, owner: UserID? = nil) throws -> [PersonaID] {
        try (0..<count).map { index in
            try personas.insert(
                NewPersona(
                    ownerID: owner ?? ada, folderID: nil,
                    profile: PersonaProfile(
                        name: "Person \(index)", age: 30 + index, gender: .female, location: "Leeds",
                        occupation: "Nurse", incomeBand: .middle, attitude: .neutral),
                    generation: .manual, createdAt: clock.now)
            ).id
        }
    }

    func patch(
        name: String? = "Meal kits", participants: [PersonaID]?, stimuli: [StimulusDraft]? = nil
    ) -> FocusGroupPatch {
        var patch = FocusGroupPatch()
        patch.name = name
        patch.objective = "Learn what makes busy parents try a meal kit."
        patch.participantIDs = participants
        patch.stimuli = stimuli
        return patch
    }

    static let guide = JSONValue.object([
        ("introduction", .string("Welcome.")), ("closing", .string("Thanks.")),
        (
            "sections",
            .array([
                .object([
                    ("title", .string("Warm-up")), ("goal", .string("Meet")), ("minutes", .number(5)),
                    ("turn_budget", .number(6)),
                    ("questions", .array([.object([("text", .string("How do you cook?"))])])),
                ])
            ])
        ),
    ])

    // MARK: - Create

    @Test func creationStoresTrimmedFieldsDefaultsAndParticipants() throws {
        let panel = try panel(3)
        var patch = patch(
            name: "  Meal kits \n", participants: panel, stimuli: [StimulusDraft(title: "A", text: "Box")])
        patch.language = "pt-BR"
        let detail = try create(by: ada, patch)
        let group = detail.group
        #expect(group.name == "Meal kits")
        #expect(group.language == "pt-BR")
        #expect(group.audience == "")
        #expect(group.settings == .standard)
        #expect(group.guide == nil)
        #expect(group.participantIDs == panel)
        #expect(detail.participants.map(\.id) == panel)
        #expect(
            group.stimuli == [Stimulus(id: StimulusID("st_000000000001"), title: "A", content: .concept(text: "Box"))])
        #expect(group.createdAt == clock.now && group.updatedAt == clock.now)
        #expect(groups.all.count == 1)
    }

    @Test func settingsDefaultWhereNotGivenAndAreRangeChecked() throws {
        var patch = patch(participants: try panel(3))
        var settings = FocusGroupSettingsPatch()
        settings.maxTurns = 80
        settings.personaTier = .mini
        patch.settings = settings
        let group = try create(by: ada, patch).group
        #expect(group.settings.maxTurns == 80 && group.settings.personaTier == .mini)
        #expect(group.settings.usdCap == MicroUSD(2_000_000))
        settings.maxTurns = 5
        patch.settings = settings
        #expect(throws: DomainError.self) { try create(by: ada, patch) }
        settings.maxTurns = 60
        settings.usdCap = MicroUSD(100_000_001)
        patch.settings = settings
        let error = try #require(throws: DomainError.self) { try create(by: ada, patch) }
        #expect(error.field == "settings.usd_cap")
        #expect(groups.all.count == 1)
    }

    @Test func participantsMustBeThreeToTwelveDistinctPersonasOfTheOwner() throws {
        let mine = try panel(13)
        let theirs = try panel(1, owner: bob)
        let cases: [[PersonaID]] = [
            Array(mine.prefix(2)), mine, [mine[0], mine[1], mine[0]], [mine[0], mine[1], theirs[0]],
            [mine[0], mine[1], PersonaID("nope")], [mine[0], mine[1], PersonaID("")],
        ]
        for participants in cases {
            let error = try #require(throws: DomainError.self) {
                try create(by: ada, patch(participants: participants))
            }
            #expect(error.field == "participant_ids", "\(participants)")
            #expect(error.code == .invalidInput)
        }
        #expect(groups.all.isEmpty)
        #expect(try create(by: ada, patch(participants: Array(mine.prefix(12)))).group.participantIDs.count == 12)
    }

    @Test func requiredFieldsAndTextLimitsAreFieldErrors() throws {
        let panel = try panel(3)
        var missing = patch(name: nil, participants: panel)
        #expect(throws: DomainError.invalid("name", "name is required.")) { try create(by: ada, missing) }
        missing = patch(participants: nil)
        #expect(throws: DomainError.invalid("participant_ids", "participant_ids is required.")) {
            try create(by: ada, missing)
        }
        #expect(throws: DomainError.invalid("name", "name must be at most 120 characters.")) {
            try create(by: ada, patch(name: String(repeating: "x", count: 121), participants: panel))
        }
        var objective = patch(participants: panel)
        objective.objective = " "
        #expect(throws: DomainError.invalid("objective", "objective must not be empty.")) {
            try create(by: ada, objective)
        }
        objective.objective = String(repeating: "x", count: 2001)
        #expect(throws: DomainError.self) { try create(by: ada, objective) }
    }

    @Test(arguments: ["e", "en_US", "en US", "é", String(repeating: "a", count: 36), ""])
    func aBadLanguageTagIsAFieldError(tag: String) throws {
        var patch = patch(participants: try panel(3))
        patch.language = tag
        let error = try #require(throws: DomainError.self) { try create(by: ada, patch) }
        #expect(error.field == "language")
    }

    @Test func stimuliAreBoundedAndNewOnesAreConcepts() throws {
        let panel = try panel(3)
        let eleven = (0..<11).map { StimulusDraft(title: "C\($0)", text: "Text") }
        #expect(throws: DomainError.invalid("stimuli", "stimuli may list at most 10 items.")) {
            try create(by: ada, patch(participants: panel, stimuli: eleven))
        }
        let image = try #require(throws: DomainError.self) {
            try create(
                by: ada, patch(participants: panel, stimuli: [StimulusDraft(kind: .image, title: "I", text: nil)]))
        }
        #expect(image.field == "stimuli[0].kind")
        let title = try #require(throws: DomainError.self) {
            try create(
                by: ada,
                patch(
                    participants: panel,
                    stimuli: [StimulusDraft(title: "ok", text: "x"), StimulusDraft(title: "", text: "x")]))
        }
        #expect(title.field == "stimuli[1].title")
        let text = try #require(throws: DomainError.self) {
            try create(
                by: ada,
                patch(
                    participants: panel,
                    stimuli: [StimulusDraft(title: "ok", text: String(repeating: "x", count: 4001))]))
        }
        #expect(text.field == "stimuli[0].text")
        #expect(groups.all.isEmpty)
    }

    // MARK: - Read

    @Test func anotherUsersGroupIsNotFoundAndDeletedPersonasAreLeftOut() throws {
        let panel = try panel(4)
        let group = try create(by: ada, patch(participants: panel)).group
        #expect(throws: DomainError(.notFound, "No such focus group.")) { try lookup(group.id, by: bob) }
        _ = try personas.delete([panel[1]], owner: ada)
        let detail = try lookup(group.id, by: ada)
        #expect(detail.participants.map(\.id) == [panel[0], panel[2], panel[3]])
        #expect(detail.group.participantIDs == panel)
    }

    @Test func searchPagesNewestFirstAndMatchesTheName() throws {
        let panel = try panel(3)
        for name in ["Alpha kits", "Beta", "Gamma kits"] {
            _ = try create(by: ada, patch(name: name, participants: panel))
            clock.advance(by: 1)
        }
        let page = try #require(PageRequest(page: 1, perPage: 2))
        let first = try search(by: ada, text: nil, page: page)
        #expect(first.items.map(\.group.name) == ["Gamma kits", "Beta"])
        #expect(first.total == 3)
        #expect(first.items[0].participants.count == 3)
        let kits = try search(by: ada, text: " KITS ", page: try #require(PageRequest()))
        #expect(kits.items.map(\.group.name) == ["Gamma kits", "Alpha kits"])
        #expect(try search(by: bob, text: nil, page: page).total == 0)
    }

    // MARK: - Edit

    @Test func aGuideEditIsValidatedWholeAndBumpsTheVersion() throws {
        let group = try create(by: ada, patch(participants: try panel(3))).group
        var change = FocusGroupPatch()
        change.guide = Self.guide
        clock.advance(by: 60)
        let first = try edit(group.id, by: ada, patch: change).group
        #expect(first.guide?.version == 1)
        #expect(first.guide?.sections.first?.questions.first?.id == "s1q1")
        #expect(first.updatedAt == clock.now)
        #expect(try edit(group.id, by: ada, patch: change).group.guide?.version == 2)
        change.guide = .object([("introduction", .string("Hi")), ("closing", .string("Bye")), ("sections", .array([]))])
        let error = try #require(throws: DomainError.self) { try edit(group.id, by: ada, patch: change) }
        #expect(error.field == "guide.sections")
        #expect(try lookup(group.id, by: ada).group.guide?.version == 2)
        change.guide = .null
        #expect(try edit(group.id, by: ada, patch: change).group.guide == nil)
    }

    @Test func anInvalidFieldLeavesTheGroupUnchanged() throws {
        let group = try create(by: ada, patch(participants: try panel(3))).group
        var change = FocusGroupPatch()
        change.name = "Renamed"
        change.participantIDs = try panel(2)
        #expect(throws: DomainError.self) { try edit(group.id, by: ada, patch: change) }
        #expect(try lookup(group.id, by: ada).group == group)
        change.participantIDs = nil
        #expect(throws: DomainError(.notFound, "No such focus group.")) { try edit(group.id, by: bob, patch: change) }
        #expect(try edit(group.id, by: ada, patch: change).group.name == "Renamed")
    }

    @Test func editingTheStimuliKeepsListedOnesAndDeletesDroppedImages() throws {
        let group = try create(
            by: ada, patch(participants: try panel(3), stimuli: [StimulusDraft(title: "A", text: "First")])
        ).group
        let image = try StimulusImageData(upload: Self.png, declared: .png)
        let added = try upload()(group.id, by: ada, title: "Box", image: image)
        #expect(images.count == 1)
        var change = FocusGroupPatch()
        change.stimuli = [
            StimulusDraft(id: added.stimulus.id, kind: .image, title: "Box v2", text: nil),
            StimulusDraft(id: StimulusID("st_000000000001"), title: "A2", text: "Second"),
            StimulusDraft(title: "New", text: "Third"),
        ]
        let edited = try edit(group.id, by: ada, patch: change).group
        #expect(edited.stimuli.map(\.title) == ["Box v2", "A2", "New"])
        #expect(edited.stimuli[0].content == added.stimulus.content)
        #expect(edited.stimuli[1].content == .concept(text: "Second"))
        change.stimuli = [StimulusDraft(id: added.stimulus.id, kind: .concept, title: "x", text: "y")]
        #expect(throws: DomainError.self) { try edit(group.id, by: ada, patch: change) }
        change.stimuli = [StimulusDraft(id: StimulusID("st_ffffffffffff"), title: "x", text: "y")]
        let unknown = try #require(throws: DomainError.self) { try edit(group.id, by: ada, patch: change) }
        #expect(unknown.field == "stimuli[0].id")
        change.stimuli = []
        #expect(try edit(group.id, by: ada, patch: change).group.stimuli.isEmpty)
        #expect(images.count == 0)
    }

    // MARK: - Delete

    @Test func deletionRemovesTheGroupAndItsImages() throws {
        let group = try create(by: ada, patch(participants: try panel(3))).group
        _ = try upload()(
            group.id, by: ada, title: "Box", image: try StimulusImageData(upload: Self.png, declared: .png))
        #expect(throws: DomainError(.notFound, "No such focus group.")) { try deletion(group.id, by: bob) }
        #expect(images.count == 1)
        try deletion(group.id, by: ada)
        #expect(groups.all.isEmpty)
        #expect(images.count == 0)
        #expect(throws: DomainError(.notFound, "No such focus group.")) { try deletion(group.id, by: ada) }
    }

    // MARK: - Images

    @Test func anUploadAddsAPendingImageAndQueuesItsDescription() throws {
        let group = try create(by: ada, patch(participants: try panel(3))).group
        let image = try StimulusImageData(upload: Self.png, declared: .png)
        let added = try upload()(group.id, by: ada, title: " Box design ", image: image)
        #expect(added.stimulus.title == "Box design")
        #expect(
            added.stimulus.content
                == .image(
                    StimulusImage(
                        mediaType: .png, byteCount: Self.png.count, description: nil, descriptionStatus: .pending)))
        #expect(added.task.kind == ImageDescription.kind)
        #expect(ImageDescription.target(of: added.task.input)?.stimulus == added.stimulus.id)
        #expect(try lookup(group.id, by: ada).group.stimuli == [added.stimulus])
        let read = StimulusImageLookup(groups: groups, images: images)
        #expect(try read(added.stimulus.id, in: group.id, by: ada) == image)
        #expect(throws: DomainError.self) { try read(added.stimulus.id, in: group.id, by: bob) }
        #expect(throws: DomainError.self) { try upload()(group.id, by: bob, title: "x", image: image) }
        #expect(throws: DomainError.invalid("title", "title must not be empty.")) {
            try upload()(group.id, by: ada, title: nil, image: image)
        }
    }

    @Test func anUploadThatCannotQueueItsTaskIsUndone() throws {
        let group = try create(by: ada, patch(participants: try panel(3))).group
        let image = try StimulusImageData(upload: Self.png, declared: .png)
        let error = try #require(throws: DomainError.self) {
            try upload(activeTasks: 0)(group.id, by: ada, title: "Box", image: image)
        }
        #expect(error.code == .tooManyTasks)
        #expect(try lookup(group.id, by: ada).group.stimuli.isEmpty)
        #expect(images.count == 0)
    }

    @Test func aGroupHoldsAtMostTenStimuli() throws {
        let ten = (0..<10).map { StimulusDraft(title: "C\($0)", text: "Text") }
        let group = try create(by: ada, patch(participants: try panel(3), stimuli: ten)).group
        let image = try StimulusImageData(upload: Self.png, declared: .png)
        let error = try #require(throws: DomainError.self) { try upload()(group.id, by: ada, title: "x", image: image) }
        #expect(error.field == "stimuli")
        #expect(images.count == 0)
    }

    @Test func removingAStimulusDeletesItsImage() throws {
        let group = try create(
            by: ada, patch(participants: try panel(3), stimuli: [StimulusDraft(title: "A", text: "x")])
        ).group
        let added = try upload()(
            group.id, by: ada, title: "Box", image: try StimulusImageData(upload: Self.png, declared: .png))
        let remove = StimulusDeletion(groups: groups, images: images, clock: clock)
        #expect(throws: DomainError(.notFound, "No such stimulus.")) {
            try remove(StimulusID("st_ffffffffffff"), in: group.id, by: ada)
        }
        #expect(throws: DomainError(.notFound, "No such focus group.")) {
            try remove(added.stimulus.id, in: group.id, by: bob)
        }
        try remove(added.stimulus.id, in: group.id, by: ada)
        try remove(StimulusID("st_000000000001"), in: group.id, by: ada)
        #expect(try lookup(group.id, by: ada).group.stimuli.isEmpty)
        #expect(images.count == 0)
    }
}
