import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct PanelGenerationCheckpointTests {
    private let draft = JSONValue.object([("name", .string("Ada"))])

    @Test func aFirstRunDraftsThenWritesEveryPersona() {
        var checkpoint = PanelGenerationCheckpoint()
        #expect(checkpoint.nextSteps(count: 3) == [.draft])
        checkpoint.drafted([draft, draft, draft], regenerated: 0)
        #expect(checkpoint.nextSteps(count: 3) == [.write(index: 0), .write(index: 1), .write(index: 2)])
    }

    @Test func aSavedButUnchargedPersonaIsChargedBeforeAnythingElseAndNeverRewritten() {
        var checkpoint = PanelGenerationCheckpoint(drafts: [draft, draft, draft])
        checkpoint.created(1, persona: PersonaID("p1"), name: "Ada")
        checkpoint.failed(2, .insufficientCredits)
        #expect(checkpoint.nextSteps(count: 3) == [.charge(index: 1), .write(index: 0)])
        checkpoint.charged(1, amount: Credits(2))
        checkpoint.created(0, persona: PersonaID("p0"), name: "Bo")
        checkpoint.charged(0, amount: Credits(2))
        #expect(checkpoint.nextSteps(count: 3) == [.finish])
    }

    @Test func admissionReservesTheCostOfPersonasInFlight() {
        #expect(PanelGenerationCheckpoint.admits(balance: Credits(4), reserved: 1, cost: Credits(2)))
        #expect(!PanelGenerationCheckpoint.admits(balance: Credits(4), reserved: 2, cost: Credits(2)))
        #expect(!PanelGenerationCheckpoint.admits(balance: Credits(1), reserved: 0, cost: Credits(2)))
    }

    @Test func progressCountsStageOneAsOneStep() {
        var checkpoint = PanelGenerationCheckpoint()
        #expect(checkpoint.progress(count: 12) == TaskProgress(done: 0, total: 13, message: "Drafting 12 profiles"))
        checkpoint.drafted(Array(repeating: draft, count: 12), regenerated: 0)
        checkpoint.created(0, persona: PersonaID("p0"), name: "Ada")
        checkpoint.failed(1, .generationFailed("no"))
        #expect(checkpoint.progress(count: 12) == TaskProgress(done: 3, total: 13, message: "Writing persona 3 of 12"))
    }

    @Test func theCheckpointSurvivesItsJSON() throws {
        var checkpoint = PanelGenerationCheckpoint()
        #expect(try PanelGenerationCheckpoint(json: .null) == checkpoint)
        checkpoint.drafted([draft, draft], regenerated: 1)
        checkpoint.created(0, persona: PersonaID("p0"), name: "Ada")
        checkpoint.failed(1, .insufficientCredits)
        #expect(try PanelGenerationCheckpoint(json: checkpoint.json) == checkpoint)
        checkpoint.charged(0, amount: Credits(2))
        #expect(try PanelGenerationCheckpoint(json: checkpoint.json) == checkpoint)
    }

    @Test func theResultReportsEveryPersonaAndOnlyChargesCreatedOnes() {
        var checkpoint = PanelGenerationCheckpoint(drafts: [draft, draft, draft], regenerated: 1)
        checkpoint.created(0, persona: PersonaID("p0"), name: "Ada")
        checkpoint.charged(0, amount: Credits(2))
        checkpoint.failed(1, .generationFailed("The AI service is not answering right now."))
        let profile = PersonaProfile(
            name: "Ada", age: 30, gender: .female, location: "Leeds", occupation: "Nurse", incomeBand: .low,
            attitude: .skeptic, bio: "Works nights.")
        let result = checkpoint.result(count: 3, profiles: [profile], plan: .standard)
        #expect(result["created"] == .number(1))
        #expect(result["failed"] == .number(2))
        #expect(result["credits_charged"] == .number(2))
        #expect(result["regenerated"] == .number(1))
        let personas = result["personas"]?.arrayValue ?? []
        #expect(personas.map { $0["status"]?.stringValue } == ["created", "failed", "failed"])
        #expect(personas[0]["persona_id"] == .string("p0"))
        #expect(personas[1]["error"]?["code"] == .string("generation_failed"))
        #expect(result["diversity"]?["score"]?.intValue != nil)
    }

    @Test func chargeKeysAreStablePerTaskAndIndex() {
        #expect(
            PanelGenerationCheckpoint.chargeKey(task: TaskID("t1"), index: 3)?.value == "persona-generation:t1:3")
    }
}

@Suite struct PanelGenerationDraftsTests {
    private func profile(slot: Int, name: String, bio: String = "A bio") -> JSONValue {
        .object([
            ("slot", .number(Double(slot))), ("name", .string(name)), ("age", .number(30)),
            ("gender", .string("female")), ("location", .string("Leeds")), ("occupation", .string("Nurse")),
            ("income_band", .string("low")), ("attitude", .string("skeptic")), ("bio", .string(bio)),
            (
                "provenance",
                .object([("age", .object([("source", .string("customer_data")), ("rows", .array([.number(2)]))]))])
            ),
        ])
    }

    @Test func draftsFollowTheirSlotNumbersAndLoseThem() throws {
        let answer = JSONValue.object([
            ("profiles", .array([profile(slot: 2, name: "B"), profile(slot: 1, name: "A")]))
        ])
        let drafts = try PanelGenerationDrafts.drafts(from: answer, count: 2)
        #expect(drafts.map { $0["name"]?.stringValue } == ["A", "B"])
        #expect(drafts[0]["slot"] == nil)
    }

    @Test func tooFewProfilesAreAnError() {
        let answer = JSONValue.object([("profiles", .array([profile(slot: 1, name: "A")]))])
        #expect(throws: DomainError.self) { try PanelGenerationDrafts.drafts(from: answer, count: 2) }
    }

    @Test func theSecondOfTwoNearIdenticalDraftsIsRegenerated() {
        let same = "Commutes by train every day and distrusts subscriptions"
        let drafts = [
            profile(slot: 1, name: "A", bio: same), profile(slot: 2, name: "B", bio: "Totally different life story"),
            profile(slot: 3, name: "C", bio: same),
        ]
        #expect(PanelGenerationDrafts.nearDuplicates(drafts, plan: .standard) == [2])
    }

    @Test func aPersonaCombinesTheDraftTheDetailAndBothProvenances() throws {
        let detail = JSONValue.object([
            ("bio", .string("Long bio.")), ("quote", .string("No thanks.")),
            ("psychographics", .object([("values", .array([.string("thrift")]))])),
            ("behaviours", .object([("media", .array([.string("radio")]))])),
            ("provenance", .object([("bio", .object([("source", .string("inferred")), ("rows", .array([]))]))])),
        ])
        let persona = try PanelGenerationDrafts.profile(
            draft: profile(slot: 1, name: "Ada"), detail: detail, rowCount: 3)
        #expect(persona.name == "Ada" && persona.age == 30 && persona.attitude == .skeptic)
        #expect(persona.bio == "Long bio." && persona.quote == "No thanks.")
        #expect(persona.psychographics.values == ["thrift"] && persona.behaviours.media == ["radio"])
        #expect(persona.provenance.origins["age"] == PersonaProvenance.Origin(source: .customerData, rows: [2]))
        #expect(persona.provenance.origins["bio"] == PersonaProvenance.Origin(source: .inferred))
    }

    @Test func rowsOutsideTheUploadedDataMakeAnAttributeInferred() throws {
        let detail = JSONValue.object([
            ("bio", .string("Long bio.")), ("quote", .string("No thanks.")),
            (
                "provenance",
                .object([
                    (
                        "bio",
                        .object([("source", .string("customer_data")), ("rows", .array([.number(1), .number(9)]))])
                    ),
                    ("quote", .object([("source", .string("customer_data")), ("rows", .array([]))])),
                    (
                        "location",
                        .object([("source", .string("customer_data")), ("rows", .array([.number(3), .number(1)]))])
                    ),
                ])
            ),
        ])
        let grounded = try PanelGenerationDrafts.profile(
            draft: profile(slot: 1, name: "Ada"), detail: detail, rowCount: 3)
        #expect(grounded.provenance.origins["bio"] == PersonaProvenance.Origin(source: .inferred))
        #expect(grounded.provenance.origins["quote"] == PersonaProvenance.Origin(source: .inferred))
        #expect(
            grounded.provenance.origins["location"] == PersonaProvenance.Origin(source: .customerData, rows: [1, 3]))
        let ungrounded = try PanelGenerationDrafts.profile(draft: profile(slot: 1, name: "Ada"), detail: detail)
        #expect(ungrounded.provenance.origins.values.allSatisfy { $0.source == .inferred })
    }

    @Test func groundingRowsReachBothTemplates() {
        let rows = "row,city\n1,Leeds\n"
        #expect(
            PanelGenerationDrafts.basicProfileVariables(brief: "b", slots: [], plan: .standard, customerRows: rows)[
                "customer_rows"] == rows)
        #expect(
            PanelGenerationDrafts.detailVariables(
                brief: "b", drafts: [profile(slot: 1, name: "A")], index: 0, customerRows: rows)["customer_rows"]
                == rows)
    }
}

@Suite struct PanelGenerationLaunchTests {
    let fixture = AccountsFixture()
    let personas = InMemoryPersonas()
    let tasks = InMemoryTasks()
    let customerData = InMemoryCustomerData()

    private var launch: PanelGenerationLaunch {
        PanelGenerationLaunch(
            users: fixture.accounts, folders: personas, settings: fixture.settings, customerData: customerData,
            launch: TaskLauncher(store: tasks, clock: fixture.clock, policy: .standard), randomSeed: { 5 })
    }

    private let brief = "Commuters thinking about e-bikes."

    @Test func aCoveredPanelQueuesATaskWithTheQuotedPrice() throws {
        let user = try fixture.signedInUser().user.id
        let task = try launch(
            .init(brief: "  \(brief)  ", count: 6, sampling: .object([("gender", .array([.string("female")]))])),
            by: user)
        let input = try PanelGenerationInput(json: task.input)
        #expect(task.kind == PanelGenerationLaunch.kind)
        #expect(task.progress.total == 7)
        #expect(input.brief == brief && input.count == 6 && input.seed == 5 && input.cost == Credits(2))
        #expect(input.plan.dimension(named: "gender")?.levels.map(\.value) == ["female"])
    }

    @Test func aPanelTheBalanceCannotCoverIsRefusedBeforeAnyTask() throws {
        let user = try fixture.signedInUser().user.id
        _ = try fixture.accounts.apply(
            LedgerChange(
                userID: user, amount: Credits(-45), kind: .debit, reason: "spent",
                idempotencyKey: try #require(IdempotencyKey("spent")), at: fixture.clock.now))
        #expect(throws: DomainError(.insufficientCredits, "This panel needs 6 credits; your balance is 5.")) {
            _ = try launch(.init(brief: brief, count: 3), by: user)
        }
        #expect(try tasks.tasks(of: user, page: try #require(PageRequest())).total == 0)
    }

    @Test func badFieldsAreNamed() throws {
        let user = try fixture.signedInUser().user.id
        func field(_ request: PanelGenerationLaunch.Request) -> String? {
            (#expect(throws: DomainError.self) { _ = try launch(request, by: user) })?.field
        }
        #expect(field(.init(brief: "short")) == "brief")
        #expect(field(.init(brief: brief, count: 0)) == "count")
        #expect(field(.init(brief: brief, sampling: .object([("age_band", .array([.string("9-11")]))]))) == "sampling")
        #expect(field(.init(brief: brief, folderID: FolderID("nope"))) == "folder_id")
        #expect(tasks.task(TaskID("000000000000000000000001")) == nil)
    }
}
