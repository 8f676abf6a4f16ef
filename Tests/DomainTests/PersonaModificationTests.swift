import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct PersonaModificationTests {
    let clock = MockClock()
    let personas = InMemoryPersonas()
    let tasks = InMemoryTasks()
    let ada = UserID("a1")
    let bob = UserID("b2")

    static let profile = PersonaProfile(
        name: "Maria Lopez", age: 41, gender: .female, location: "Madrid", occupation: "Teacher",
        incomeBand: .middle, attitude: .pragmatist, bio: "Teaches maths.", quote: "Show me.",
        psychographics: PersonaPsychographics(values: ["family", "thrift"], frustrations: ["hidden fees"]),
        behaviours: PersonaBehaviours(shopping: ["buys online"]))

    var modify: PersonaModification {
        PersonaModification(
            lookup: PersonaLookup(personas: personas),
            launch: TaskLauncher(store: tasks, clock: clock, policy: .standard))
    }

    private func persona(of owner: UserID) throws -> Persona {
        try PersonaCreation(personas: personas, folders: personas, clock: clock)(
            by: owner, profile: Self.profile, in: nil)
    }

    private static func answer(_ changes: [[(String, JSONValue)]]) -> JSONValue {
        .object([("changes", .array(changes.map(JSONValue.object)))])
    }

    private static func change(_ field: String, _ before: JSONValue, _ after: JSONValue) -> [(String, JSONValue)] {
        [("field", .string(field)), ("before", before), ("after", after), ("reason", .string(" Because. "))]
    }

    private static func strings(_ items: String...) -> JSONValue { .array(items.map(JSONValue.string)) }

    // MARK: launching

    @Test func aValidInstructionQueuesATaskWithThePersonaAndTheTrimmedInstruction() throws {
        let persona = try persona(of: ada)
        let task = try modify(persona.id, by: ada, instruction: "  make her more price-sensitive \n")
        #expect(task.kind == PersonaModification.kind)
        #expect(task.userID == ada)
        #expect(task.status == .queued)
        #expect(
            task.input
                == PersonaModification.input(persona: persona.id, instruction: "make her more price-sensitive"))
    }

    @Test(arguments: ["", "ab", "   ab   ", String(repeating: "x", count: 1_001), "make\u{0}her"])
    func instructionsOutsideThreeToThousandCharactersOrWithControlCharactersAreRefused(_ text: String) throws {
        let persona = try persona(of: ada)
        do {
            _ = try modify(persona.id, by: ada, instruction: text)
            Issue.record("accepted \(text.debugDescription)")
        } catch let error as DomainError {
            #expect(error.code == .invalidInput)
            #expect(error.field == "instruction")
        }
        #expect(try tasks.tasks(of: ada, page: #require(PageRequest())).total == 0)
    }

    @Test func anotherUsersOrAnUnknownPersonaIsNotFoundAndQueuesNothing() throws {
        let persona = try persona(of: ada)
        for (id, user) in [(persona.id, bob), (PersonaID("ffffffffffffffffffffffff"), ada)] {
            do {
                _ = try modify(id, by: user, instruction: "make her older")
                Issue.record("queued a task for \(id)")
            } catch let error as DomainError {
                #expect(error.code == .notFound)
            }
        }
    }

    @Test func theUsersActiveTaskBoundApplies() throws {
        let persona = try persona(of: ada)
        for _ in 0..<TaskPolicy.standard.activePerUser { _ = try modify(persona.id, by: ada, instruction: "older") }
        #expect(throws: DomainError.self) { try modify(persona.id, by: ada, instruction: "older") }
    }

    @Test func thePromptPersonaIsTheEditableProfileShapedLikeTheAPI() {
        let json = PersonaModification.promptPersona(Self.profile)
        #expect(
            json.objectMembers?.map(\.0) == [
                "name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote",
                "psychographics", "behaviours",
            ])
        #expect(json["age"] == .number(41))
        #expect(json["income_band"] == .string("middle"))
        #expect(json["psychographics"]?["values"] == Self.strings("family", "thrift"))
        #expect(json["behaviours"]?["shopping"] == Self.strings("buys online"))
    }

    // MARK: reviewing the answer

    @Test func changesWhoseBeforeMatchesAndWhoseAfterIsValidAreKeptWithTrimmedText() {
        let review = PersonaModificationReview(
            answer: Self.answer([
                Self.change("attitude", .string("pragmatist"), .string("skeptic")),
                Self.change(
                    "psychographics.values", Self.strings("family", "thrift"), Self.strings(" price ", "family")),
                Self.change("age", .number(41), .number(45)),
                Self.change("bio", .string("  Teaches maths. "), .string("Teaches maths and clips coupons.")),
            ]), current: Self.profile)
        #expect(review.dropped == 0)
        #expect(review.changes.map(\.field) == [.attitude, .values, .age, .bio])
        #expect(review.changes[1].after == Self.strings("price", "family"))
        #expect(review.changes[3].before == .string("Teaches maths."))
        #expect(review.changes.allSatisfy { $0.reason == "Because." })
    }

    @Test func aBeforeThatDoesNotMatchThePersonaDropsTheChangeWithANote() {
        let review = PersonaModificationReview(
            answer: Self.answer([
                Self.change("attitude", .string("enthusiast"), .string("skeptic")),
                Self.change("age", .string("41"), .number(45)),
                Self.change("psychographics.values", Self.strings("thrift", "family"), Self.strings("price")),
            ]), current: Self.profile)
        #expect(review.changes.isEmpty)
        #expect(review.dropped == 3)
        #expect(review.notes[0] == "attitude: its current value does not match the persona; dropped.")
    }

    @Test func invalidNewValuesAreDropped() {
        let tooMany = JSONValue.array((0...PersonaValidation.maximumListItems).map { .string("item \($0)") })
        let review = PersonaModificationReview(
            answer: Self.answer([
                Self.change("age", .number(41), .number(12)),
                Self.change("age", .number(41), .string("45")),
                Self.change("attitude", .string("pragmatist"), .string("grumpy")),
                Self.change("name", .string("Maria Lopez"), .string("  ")),
                Self.change("psychographics.frustrations", Self.strings("hidden fees"), tooMany),
                Self.change("behaviours.shopping", Self.strings("buys online"), .array([.string("a"), .number(1)])),
                Self.change("id", .string("x"), .string("y")),
                Self.change("quote", .string("Show me."), .string(String(repeating: "q", count: 301))),
            ]), current: Self.profile)
        #expect(review.changes.isEmpty)
        #expect(review.dropped == 8)
        #expect(review.notes[6] == "id: not an editable field; dropped.")
        #expect(review.notes[0].hasPrefix("age: the new value is invalid (age must be between 18 and 100"))
    }

    @Test func aChangeToTheSameValueOrARepeatedFieldIsDropped() {
        let review = PersonaModificationReview(
            answer: Self.answer([
                Self.change("location", .string("Madrid"), .string(" Madrid ")),
                Self.change("age", .number(41), .number(44)),
                Self.change("age", .number(41), .number(50)),
            ]), current: Self.profile)
        #expect(review.changes.map(\.after) == [.number(44)])
        #expect(
            review.notes == [
                "location: it changes nothing; dropped.", "age: already changed by an earlier suggestion; dropped.",
            ])
    }

    @Test func theResultListsChangesDroppedCountAndNotes() {
        let review = PersonaModificationReview(
            answer: Self.answer([
                Self.change("income_band", .string("middle"), .string("lower_middle")),
                Self.change("gender", .string("male"), .string("female")),
            ]), current: Self.profile)
        let result = review.result(for: PersonaID("p1"))
        #expect(result["persona_id"] == .string("p1"))
        #expect(result["dropped"] == .number(1))
        #expect(
            result["changes"]
                == .array([
                    .object([
                        ("field", .string("income_band")), ("before", .string("middle")),
                        ("after", .string("lower_middle")), ("reason", .string("Because.")),
                    ])
                ]))
        #expect(result["notes"]?.arrayValue?.count == 1)
    }

    @Test func anAnswerWithoutAChangeListHasNoChanges() {
        let review = PersonaModificationReview(answer: .object([]), current: Self.profile)
        #expect(review.changes.isEmpty && review.dropped == 0)
    }

    @Test func everyFieldReadsAndWritesItsOwnAttribute() throws {
        for field in PersonaModificationField.allCases {
            let current = field.value(in: Self.profile)
            let replacement: JSONValue =
                switch current {
                case .number: .number(60)
                case .array: Self.strings("new")
                default:
                    field == .gender
                        ? .string("male")
                        : field == .incomeBand
                            ? .string("high") : field == .attitude ? .string("resistant") : .string("New text")
                }
            let patch = try #require(field.patch(setting: replacement, of: Self.profile), "\(field)")
            let edited = patch.applied(to: Self.profile)
            #expect(field.value(in: edited) == replacement, "\(field)")
            for other in PersonaModificationField.allCases where other != field {
                #expect(other.value(in: edited) == other.value(in: Self.profile), "\(field) left \(other) alone")
            }
        }
    }
}
