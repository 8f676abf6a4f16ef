/// The task's result, built from the final checkpoint:
/// `{personas: [{index, status, persona_id?, name?, error?}], created, failed, credits_charged, regenerated,
/// diversity: {score, coverage, mean_distance}}`.
extension PanelGenerationCheckpoint {
    /// `profiles` are the created personas as stored (those the user deleted meanwhile are simply absent);
    /// the diversity score is computed over them against the task's plan.
    public func result(count: Int, profiles: [PersonaProfile], plan: SamplingPlan) -> JSONValue {
        var created = 0
        var failed = 0
        var charged: Int64 = 0
        let personas: [JSONValue] = (0..<count).map { index in
            switch outcomes[index] {
            case .created(let id, let name, let amount):
                created += 1
                charged += amount?.value ?? 0
                return .object([
                    ("index", .number(Double(index))), ("status", .string("created")),
                    ("persona_id", .string(id.rawValue)), ("name", .string(name)),
                ])
            case .failed(let failure):
                failed += 1
                return Self.failedEntry(index, failure)
            case nil:
                failed += 1
                return Self.failedEntry(index, .generationFailed("This persona was not written."))
            }
        }
        let diversity = DiversityScore(panel: profiles.map(PanelGenerationDrafts.member), plan: plan)
        return .object([
            ("personas", .array(personas)),
            ("created", .number(Double(created))),
            ("failed", .number(Double(failed))),
            ("credits_charged", .number(Double(charged))),
            ("regenerated", .number(Double(regenerated))),
            (
                "diversity",
                .object([
                    ("score", .number(Double(diversity.value))),
                    ("coverage", .number(Self.rounded(diversity.coverage))),
                    ("mean_distance", .number(Self.rounded(diversity.meanDistance))),
                ])
            ),
        ])
    }

    private static func failedEntry(_ index: Int, _ failure: PanelGenerationFailure) -> JSONValue {
        .object([
            ("index", .number(Double(index))), ("status", .string("failed")),
            ("error", .object([("code", .string(failure.code)), ("message", .string(failure.message))])),
        ])
    }

    /// Three decimals are plenty for a UI and keep the JSON readable.
    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
