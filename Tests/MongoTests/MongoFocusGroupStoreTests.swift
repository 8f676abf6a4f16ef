import BSON
import Domain
import Foundation
import Synchronization
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoFocusGroupStoreTests {
    let fixture: MongoFixture
    let groups: MongoFocusGroupStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        fixture = try MongoFixture()
        groups = MongoFocusGroupStore(pool: fixture.pool, database: fixture.database)
    }

    static let guide = DiscussionGuide(
        version: 2, introduction: "Welcome.",
        sections: [
            GuideSection(
                id: "s1", title: "Warm-up", goal: "Meet", minutes: 5, turnBudget: 8,
                questions: [GuideQuestion(id: "s1q1", text: "How do you cook?", probes: ["Why?"])],
                poll: GuidePoll(
                    id: "s1p", kind: .likert, question: "How likely?", options: ["1", "2", "3", "4", "5"], samples: 3)),
            GuideSection(
                id: "s2", title: "Concept", goal: "", minutes: 10, turnBudget: 12,
                questions: [GuideQuestion(id: "s2q1", text: "Thoughts?", probes: [])], poll: nil),
        ], closing: "Thanks.")

    static func image(_ status: StimulusImage.DescriptionStatus = .pending, _ description: String? = nil) -> Stimulus {
        Stimulus(
            id: StimulusID("st_00000000000b"), title: "Box design",
            content: .image(
                StimulusImage(
                    mediaType: .png, byteCount: 1234, description: description, descriptionStatus: status)))
    }

    func group(_ name: String, owner: UserID? = nil, offset: Double = 0) -> FocusGroup {
        let date = start.addingTimeInterval(offset)
        return FocusGroup(
            id: FocusGroupID("ignored"), ownerID: owner ?? ada, name: name, objective: "Learn things",
            audience: "Parents", language: "pt-BR", participantIDs: (0..<3).map { _ in PersonaID(ObjectID().hex) },
            stimuli: [
                Stimulus(id: StimulusID("st_00000000000a"), title: "Concept A", content: .concept(text: "A box.")),
                Self.image(),
            ],
            settings: FocusGroupSettings(
                turnTaking: .desireBased, maxTurns: 80, usdCap: MicroUSD(1_234_567), moderatorTier: .mini,
                personaTier: .main),
            guide: Self.guide, createdAt: date, updatedAt: date)
    }

    func page(_ number: Int = 1, _ size: Int = 20) throws -> PageRequest {
        try #require(PageRequest(page: number, perPage: size))
    }

    @Test func aGroupRoundTripsThroughItsDocument() throws {
        let given = group("Meal kits")
        let created = try groups.insert(given)
        #expect(created.id != given.id)
        #expect(ObjectID(hex: created.id.rawValue) != nil)
        let read = try #require(try groups.focusGroup(id: created.id, owner: ada))
        #expect(read == created)
        #expect(read.participantIDs == given.participantIDs)
        #expect(read.stimuli == given.stimuli)
        #expect(read.settings == given.settings)
        #expect(read.guide == Self.guide)
        #expect(read.createdAt == start)
    }

    @Test func aGroupWithoutGuideStoresNull() throws {
        var given = group("No guide")
        given.guide = nil
        given.stimuli = []
        let created = try groups.insert(given)
        #expect(try groups.focusGroup(id: created.id, owner: ada)?.guide == nil)
        let stored = try fixture.withDatabase { database in
            try database.collection("focus_groups").findOne(["name": "No guide"])
        }
        #expect(stored?["guide"] == BSONValue.null)
        #expect(stored?["revision"]?.int64Value == 1)
    }

    @Test func anotherOwnerNeitherReadsNorChangesNorDeletes() throws {
        let created = try groups.insert(group("Mine"))
        let theirs = FocusGroup(
            id: created.id, ownerID: bob, name: "Stolen", objective: "x", audience: "", language: "en",
            participantIDs: [], stimuli: [], settings: .standard, guide: nil, createdAt: start, updatedAt: start)
        #expect(try groups.focusGroup(id: created.id, owner: bob) == nil)
        #expect(try groups.update(theirs) == nil)
        #expect(try groups.setGuide(nil, of: created.id, owner: bob, at: start) == false)
        #expect(try groups.updateStimulus(Self.image(.ready, "x"), of: created.id, owner: bob, at: start) == false)
        #expect(try groups.delete(created.id, owner: bob) == false)
        #expect(try groups.focusGroups(of: bob, search: nil, page: page()).total == 0)
        #expect(try groups.focusGroup(id: FocusGroupID("not-an-id"), owner: ada) == nil)
        #expect(try groups.focusGroup(id: created.id, owner: ada) == created)
    }

    @Test func updateReplacesTheEditableFieldsButKeepsIdentityAndDescriptions() throws {
        let created = try groups.insert(group("Before"))
        #expect(try groups.updateStimulus(Self.image(.ready, "A green box."), of: created.id, owner: ada, at: start))
        var edited = created
        edited.name = "After"
        edited.language = "de"
        edited.guide = nil
        edited.settings = .standard
        edited.participantIDs.reverse()
        edited.stimuli = [edited.stimuli[1]]  // still pending in the caller's copy
        edited.updatedAt = start.addingTimeInterval(60)
        let updated = try #require(try groups.update(edited))
        #expect(updated.name == "After")
        #expect(updated.createdAt == created.createdAt)
        #expect(updated.updatedAt == start.addingTimeInterval(60))
        #expect(updated.stimuli == [Self.image(.ready, "A green box.")])
        let read = try #require(try groups.focusGroup(id: created.id, owner: ada))
        #expect(read == updated)
        #expect(read.participantIDs == created.participantIDs.reversed())
        #expect(read.guide == nil)
    }

    @Test func setGuideAndUpdateStimulusChangeOnlyTheirPart() throws {
        let created = try groups.insert(group("G"))
        let later = start.addingTimeInterval(5)
        var guide = Self.guide
        guide.version = 3
        #expect(try groups.setGuide(guide, of: created.id, owner: ada, at: later))
        #expect(try groups.updateStimulus(Self.image(.failed), of: created.id, owner: ada, at: later))
        let missing = Stimulus(id: StimulusID("st_ffffffffffff"), title: "Gone", content: .concept(text: "x"))
        #expect(try groups.updateStimulus(missing, of: created.id, owner: ada, at: later) == false)
        let read = try #require(try groups.focusGroup(id: created.id, owner: ada))
        #expect(read.guide?.version == 3)
        #expect(read.stimuli[1] == Self.image(.failed))
        #expect(read.stimuli[0] == created.stimuli[0])
        #expect(read.name == "G")
        #expect(read.updatedAt == later)
    }

    @Test func concurrentWritersDoNotUndoEachOther() throws {
        let created = try groups.insert(group("Race"))
        let store = groups
        let written = Mutex(0)  // guards the count of writes that went through
        onThreads(8) { index in
            let done: Bool?
            if index.isMultiple(of: 2) {
                var guide = Self.guide
                guide.version = 10 + index
                done = try? store.setGuide(guide, of: created.id, owner: created.ownerID, at: created.createdAt)
            } else {
                done = try? store.updateStimulus(
                    Self.image(.ready, "Described \(index)"), of: created.id, owner: created.ownerID,
                    at: created.createdAt)
            }
            if done == true { written.withLock { $0 += 1 } }
        }
        let read = try #require(try groups.focusGroup(id: created.id, owner: ada))
        #expect(read.guide.map { $0.version >= 10 } == true)
        guard case .image(let image) = read.stimuli[1].content else {
            Issue.record("the image stimulus is gone")
            return
        }
        #expect(image.descriptionStatus == .ready)
        // Every write that reported success is counted in the revision: none was lost to another.
        let stored = try fixture.withDatabase { try $0.collection("focus_groups").findOne(["name": "Race"]) }
        #expect(stored?["revision"]?.int64Value == Int64(1 + written.withLock { $0 }))
    }

    @Test func searchIsLiteralCaseInsensitiveAndPagesAreNewestFirst() throws {
        for index in 0..<5 { _ = try groups.insert(group("Meal kit \(index)", offset: Double(index))) }
        _ = try groups.insert(group("Banking (beta)", offset: 10))
        _ = try groups.insert(group("Meal kit other", owner: bob))
        let first = try groups.focusGroups(of: ada, search: nil, page: page(1, 4))
        #expect(first.total == 6)
        #expect(first.items.map(\.name) == ["Banking (beta)", "Meal kit 4", "Meal kit 3", "Meal kit 2"])
        let second = try groups.focusGroups(of: ada, search: nil, page: page(2, 4))
        #expect(second.items.map(\.name) == ["Meal kit 1", "Meal kit 0"])
        #expect(try groups.focusGroups(of: ada, search: "MEAL", page: page()).total == 5)
        #expect(try groups.focusGroups(of: ada, search: "(beta)", page: page()).items.map(\.name) == ["Banking (beta)"])
        #expect(try groups.focusGroups(of: ada, search: ".*", page: page()).total == 0)
    }

    @Test func deleteRemovesTheGroup() throws {
        let created = try groups.insert(group("Doomed"))
        #expect(try groups.delete(created.id, owner: ada))
        #expect(try groups.focusGroup(id: created.id, owner: ada) == nil)
        #expect(try groups.delete(created.id, owner: ada) == false)
    }
}
