/// The pure parts of the two generation stages: the prompt variables, reading the models' answers, the
/// near-duplicate check and the diversity view of a persona. The executor does the calls.
public enum PanelGenerationDrafts {
    public static let basicProfilesTemplate = "persona/basic-profiles"
    public static let detailTemplate = "persona/detail"
    /// Drafts this similar (same attributes, bios at least this Jaccard-similar) are regenerated once.
    public static let nearDuplicateThreshold = 0.6

    /// Variables of persona/basic-profiles for the given slots; `customerRows` is the grounding CSV
    /// (`CustomerDataset.promptCSV`), empty without customer data.
    public static func basicProfileVariables(
        brief: String, slots: [[String: String]], plan: SamplingPlan, customerRows: String = ""
    ) -> [String: String] {
        [
            "count": String(slots.count), "slots": plan.json(slots: slots).serialized, "brief": brief,
            "customer_rows": customerRows,
        ]
    }

    /// One draft per slot, in slot order, from a basic-profiles answer `{profiles: [{slot, …}]}`. Profiles
    /// are matched by their slot number when each slot has exactly one, else by position; the `slot` member
    /// is dropped. Throws `.unavailable` when the answer does not cover every slot.
    public static func drafts(from answer: JSONValue?, count: Int) throws -> [JSONValue] {
        let profiles = answer?["profiles"]?.arrayValue ?? []
        let bySlot = Dictionary(grouping: profiles) { $0["slot"]?.intValue ?? 0 }
        let ordered: [JSONValue]
        if (1...max(count, 1)).allSatisfy({ bySlot[$0]?.count == 1 }) {
            ordered = (1...count).compactMap { bySlot[$0]?.first }
        } else if profiles.count >= count {
            ordered = Array(profiles.prefix(count))
        } else {
            throw DomainError.unavailable(detail: "basic-profiles returned \(profiles.count) of \(count) profiles")
        }
        return ordered.map { profile in
            .object((profile.objectMembers ?? []).filter { $0.0 != "slot" })
        }
    }

    /// Indices of drafts to regenerate: the second of each near-duplicate pair, once each, sorted.
    public static func nearDuplicates(_ drafts: [JSONValue], plan: SamplingPlan) -> [Int] {
        let score = DiversityScore(panel: drafts.map(member(ofDraft:)), plan: plan)
        return Array(Set(score.nearDuplicates(threshold: nearDuplicateThreshold).map(\.second))).sorted()
    }

    /// Variables of persona/detail for the draft at `index`: the draft itself and the rest of the panel.
    public static func detailVariables(
        brief: String, drafts: [JSONValue], index: Int, customerRows: String = ""
    ) -> [String: String] {
        let panel = drafts.indices.filter { $0 != index }.map { other in
            let draft = drafts[other]
            let fields = ["name", "age", "occupation", "attitude"].map { key in
                draft[key].map { $0.stringValue ?? $0.intValue.map(String.init) ?? "" } ?? ""
            }
            return fields.joined(separator: ", ") + ": " + (draft["bio"]?.stringValue ?? "")
        }
        return [
            "brief": brief, "profile": drafts[index].serialized, "panel": panel.joined(separator: "\n"),
            "customer_rows": customerRows,
        ]
    }

    /// The persona to save: the draft's fixed attributes, the detail answer's character, and both answers'
    /// provenance (rows are checked against the `rowCount` rows of the customer data). Throws `.unavailable` when either answer lacks a required member (the gateway has already
    /// validated them against their schemas, so this means a template and its code disagree).
    public static func profile(draft: JSONValue, detail: JSONValue?, rowCount: Int = 0) throws -> PersonaProfile {
        func missing(_ what: String) -> DomainError { .unavailable(detail: "persona answer lacks \(what)") }
        guard let detail else { throw missing("a JSON body") }
        guard let name = draft["name"]?.stringValue, let age = draft["age"]?.intValue,
            let gender = draft["gender"]?.stringValue.flatMap(PersonaGender.init(rawValue:)),
            let location = draft["location"]?.stringValue, let occupation = draft["occupation"]?.stringValue,
            let income = draft["income_band"]?.stringValue.flatMap(PersonaIncomeBand.init(rawValue:)),
            let attitude = draft["attitude"]?.stringValue.flatMap(PersonaAttitude.init(rawValue:))
        else { throw missing("a draft attribute") }
        guard let bio = detail["bio"]?.stringValue, let quote = detail["quote"]?.stringValue else {
            throw missing("bio or quote")
        }
        func list(_ group: String, _ key: String) -> [String] {
            detail[group]?[key]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return PersonaProfile(
            name: name, age: age, gender: gender, location: location, occupation: occupation, incomeBand: income,
            attitude: attitude, bio: bio, quote: quote,
            psychographics: PersonaPsychographics(
                values: list("psychographics", "values"), motivations: list("psychographics", "motivations"),
                frustrations: list("psychographics", "frustrations"), interests: list("psychographics", "interests")),
            behaviours: PersonaBehaviours(
                shopping: list("behaviours", "shopping"), media: list("behaviours", "media"),
                technology: list("behaviours", "technology")),
            provenance: provenance(draft["provenance"], detail["provenance"], rowCount: rowCount))
    }

    /// Both answers' `{field: {source, rows}}` maps merged, keeping only attributes a persona can describe.
    /// A `customer_data` entry citing no rows, or a row outside `1...rowCount`, becomes `inferred`: a persona
    /// never claims rows the user did not upload.
    private static func provenance(_ answers: JSONValue?..., rowCount: Int) -> PersonaProvenance {
        var origins: [String: PersonaProvenance.Origin] = [:]
        for (field, origin) in answers.compactMap({ $0?.objectMembers }).joined()
        where PersonaProvenance.fields.contains(field) {
            guard let source = origin["source"]?.stringValue.flatMap(PersonaProvenance.Source.init(rawValue:))
            else { continue }
            let cited = origin["rows"]?.arrayValue?.map(\.intValue) ?? []
            let rows = Array(Set(cited.compactMap { $0 })).sorted().prefix(PersonaValidation.maximumProvenanceRows)
            let grounded =
                source == .customerData && !rows.isEmpty && !cited.contains(nil)
                && rows.allSatisfy { $0 >= 1 && $0 <= rowCount }
            origins[field] =
                grounded ? PersonaProvenance.Origin(source: .customerData, rows: Array(rows)) : .init(source: .inferred)
        }
        return PersonaProvenance(origins)
    }

    /// A stage-1 draft as the diversity score sees it.
    static func member(ofDraft draft: JSONValue) -> DiversityScore.Member {
        var attributes: [String: String] = [:]
        for key in ["gender", "income_band", "attitude", "occupation", "location"] {
            if let value = draft[key]?.stringValue { attributes[key] = value }
        }
        if let band = draft["age"]?.intValue.flatMap(SamplingPlan.ageBand(forAge:)) { attributes["age_band"] = band }
        return DiversityScore.Member(attributes: attributes, bio: draft["bio"]?.stringValue)
    }

    /// A saved persona as the diversity score sees it.
    static func member(_ profile: PersonaProfile) -> DiversityScore.Member {
        var attributes = [
            "gender": profile.gender.rawValue, "income_band": profile.incomeBand.rawValue,
            "attitude": profile.attitude.rawValue, "occupation": profile.occupation, "location": profile.location,
        ]
        if let band = SamplingPlan.ageBand(forAge: profile.age) { attributes["age_band"] = band }
        return DiversityScore.Member(attributes: attributes, bio: profile.bio.isEmpty ? nil : profile.bio)
    }
}
