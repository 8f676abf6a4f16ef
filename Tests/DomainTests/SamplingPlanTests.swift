import Domain
import Testing

@Suite struct SamplingPlanTests {
    private func counts(_ slots: [[String: String]], _ dimension: String) -> [String: Int] {
        slots.reduce(into: [:]) { $0[$1[dimension] ?? "?", default: 0] += 1 }
    }

    @Test(arguments: [1, 5, 12, 37])
    func everyDimensionFollowsItsLargestRemainderQuota(count: Int) throws {
        let plan = SamplingPlan.standard
        let slots = plan.slots(count: count, seed: 42)
        #expect(slots.count == count)
        for dimension in plan.dimensions {
            let found = counts(slots, dimension.name)
            #expect(found.values.reduce(0, +) == count)
            let total = dimension.levels.reduce(0) { $0 + $1.weight }
            for level in dimension.levels {
                let exact = Double(count) * level.weight / total
                #expect(abs(Double(found[level.value, default: 0]) - exact) < 1, "\(dimension.name) \(level.value)")
            }
        }
    }

    @Test func twelveSlotsSplitGenderAndIncomeEvenly() {
        let slots = SamplingPlan.standard.slots(count: 12, seed: 1)
        #expect(counts(slots, "gender") == ["female": 6, "male": 6])
        #expect(counts(slots, "income_band") == ["low": 3, "lower-middle": 3, "upper-middle": 3, "high": 3])
        #expect(counts(slots, "age_band").count == 6)
    }

    @Test func sameSeedGivesSameSlotsAndAnotherSeedOthers() {
        let plan = SamplingPlan.standard
        #expect(plan.slots(count: 12, seed: 9) == plan.slots(count: 12, seed: 9))
        #expect(plan.slots(count: 12, seed: 9) != plan.slots(count: 12, seed: 10))
    }

    @Test func combinationsSpreadAcrossDimensions() throws {
        for seed in UInt64(0)..<20 {
            let slots = SamplingPlan.standard.slots(count: 12, seed: seed)
            #expect(Set(slots).count == 12, "seed \(seed) repeats a slot")
            var pairs: [String: Int] = [:]
            for slot in slots { pairs["\(slot["gender"] ?? "")|\(slot["income_band"] ?? "")", default: 0] += 1 }
            #expect(pairs.count == 8, "seed \(seed): every gender meets every income band")
            #expect(pairs.values.allSatisfy { $0 <= 2 })
        }
    }

    @Test func restrictingKeepsOnlyTheChosenLevels() throws {
        let plan = try SamplingPlan.standard.restricting("age_band", to: ["25-34", "35-44"])
        let slots = plan.slots(count: 10, seed: 3)
        #expect(Set(slots.compactMap { $0["age_band"] }) == ["25-34", "35-44"])
        #expect(plan.dimension(named: "age_band")?.levels.map(\.weight) == [18, 17])
    }

    @Test func overridesFromABriefRestrictAndReweight() throws {
        let overrides = try JSONValue.parse(#"{"age_band": ["18-24"], "gender": {"female": 3, "male": 1}}"#)
        let slots = try SamplingPlan.standard.applying(overrides: overrides).slots(count: 8, seed: 5)
        #expect(counts(slots, "age_band") == ["18-24": 8])
        #expect(counts(slots, "gender") == ["female": 6, "male": 2])
    }

    @Test(arguments: [
        #"{"planet": ["mars"]}"#, #"{"gender": ["robot"]}"#, #"{"gender": []}"#, #"{"gender": {"female": 0}}"#,
        #"{"gender": {"female": "a lot"}}"#, #"{"gender": 3}"#, "[]",
    ])
    func invalidOverridesAreRefusedOnTheSamplingPlanField(overrides: String) throws {
        let value = try JSONValue.parse(overrides)
        let error = #expect(throws: DomainError.self) { try SamplingPlan.standard.applying(overrides: value) }
        #expect(error?.field == "sampling_plan")
    }

    @Test func planRoundTripsThroughJSON() throws {
        let plan = try SamplingPlan.standard.restricting("attitude", to: ["sceptic", "reluctant"])
        let text = plan.json.serialized
        #expect(text.hasPrefix(#"{"dimensions":[{"name":"age_band","levels":[{"value":"18-24","weight":12}"#))
        #expect(try SamplingPlan(json: try JSONValue.parse(text)) == plan)
        #expect(throws: DomainError.self) { try SamplingPlan(json: .object([("dimensions", .array([]))])) }
    }

    @Test func slotsAsJSONFollowTheDimensionOrder() {
        let plan = SamplingPlan.standard
        let json = plan.json(slots: [
            ["attitude": "sceptic", "gender": "male", "age_band": "65+", "income_band": "low"]
        ])
        #expect(json.serialized == #"[{"age_band":"65+","gender":"male","income_band":"low","attitude":"sceptic"}]"#)
    }

    @Test(arguments: [(17, nil), (18, "18-24"), (34, "25-34"), (64, "55-64"), (65, "65+"), (90, "65+")])
    func agesMapToBands(age: Int, band: String?) {
        #expect(SamplingPlan.ageBand(forAge: age) == band)
    }
}
