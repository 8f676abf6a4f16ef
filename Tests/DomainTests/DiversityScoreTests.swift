import Domain
import Testing

@Suite struct DiversityScoreTests {
    private let plan = SamplingPlan.standard
    private let bios = [
        "Retired bus driver in Leeds who grows tomatoes and distrusts subscription services.",
        "Junior doctor in Bristol working night shifts, orders groceries online between rotas.",
        "Farmer near Aberdeen with three children, buys in bulk at the cash and carry monthly.",
        "Graphic designer in Brighton who tries every new app and posts reviews on TikTok.",
        "Primary school teacher in Cardiff saving for a deposit, compares prices on every purchase.",
        "Software contractor in Manchester, cycles everywhere and avoids big supermarkets.",
    ]

    private func panel(from slots: [[String: String]], bios: [String]? = nil) -> [DiversityScore.Member] {
        slots.enumerated().map { DiversityScore.Member(attributes: $1, bio: bios?[$0 % (bios?.count ?? 1)]) }
    }

    @Test func aPlannedPanelScoresHigherThanClones() {
        let slots = plan.slots(count: 12, seed: 7)
        let varied = DiversityScore(panel: panel(from: slots, bios: bios), plan: plan)
        let clones = DiversityScore(
            panel: panel(from: Array(repeating: slots[0], count: 12), bios: [bios[0]]), plan: plan)
        #expect(varied.value > 75)
        #expect(clones.value < 20)
        #expect(clones.meanDistance == 0)
        #expect(varied.value > clones.value)
    }

    @Test func distinctBiosRaiseTheScoreOfAnOtherwiseEqualPanel() {
        let slots = plan.slots(count: 6, seed: 2)
        let distinct = DiversityScore(panel: panel(from: slots, bios: bios), plan: plan)
        let same = DiversityScore(panel: panel(from: slots, bios: [bios[0]]), plan: plan)
        #expect(distinct.value > same.value)
    }

    @Test func coverageIsRelativeToWhatThePanelSizeAllows() {
        let pair = [
            ["age_band": "18-24", "gender": "female", "income_band": "low", "attitude": "enthusiast"],
            ["age_band": "65+", "gender": "male", "income_band": "high", "attitude": "sceptic"],
        ]
        let score = DiversityScore(panel: panel(from: pair), plan: plan)
        #expect(score.coverage == 1)
        #expect(score.meanDistance == 1)
        #expect(score.value == 100)
    }

    @Test func emptyPanelScoresZero() {
        #expect(DiversityScore(panel: [], plan: plan).value == 0)
    }

    @Test func nearDuplicatesShareTheirSlotAndMostOfTheirBio() {
        let slot = ["age_band": "35-44", "gender": "female", "income_band": "low", "attitude": "sceptic"]
        var other = slot
        other["attitude"] = "enthusiast"
        let members = [
            DiversityScore.Member(attributes: slot, bio: "Nurse in Leeds who distrusts subscription boxes and cooks."),
            DiversityScore.Member(
                attributes: slot, bio: "Night nurse in Leeds who distrusts subscription boxes and cooks."),
            DiversityScore.Member(attributes: other, bio: "Nurse in Leeds who distrusts subscription boxes and cooks."),
            DiversityScore.Member(attributes: slot, bio: "Architect in Rome collecting vinyl and racing bicycles."),
        ]
        let score = DiversityScore(panel: members, plan: plan)
        #expect(score.nearDuplicates(threshold: 0.6) == [DiversityScore.Pair(0, 1)])
        #expect(score.nearDuplicates(threshold: 1).isEmpty)
    }

    @Test func profilesWithoutBiosAreDuplicatesWhenTheirSlotsMatch() {
        let slot = ["age_band": "25-34", "gender": "male", "income_band": "high", "attitude": "pragmatist"]
        let score = DiversityScore(panel: panel(from: [slot, slot, ["age_band": "65+"]]), plan: plan)
        #expect(score.nearDuplicates() == [DiversityScore.Pair(0, 1)])
    }
}
