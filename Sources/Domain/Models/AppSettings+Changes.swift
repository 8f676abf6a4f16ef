extension AppSettings {
    /// What differs from `earlier`, as the audit log records it: `{field: "old → new"}` with the API's field
    /// names; a pack is `credit_packs.<id>` and reads "Name · 4900¢ · 50 cr · active" (or "none"), and
    /// `credit_packs` lists the ids in order when the list or its order changed.
    public func changes(since earlier: AppSettings) -> [String: String] {
        var changes: [String: String] = [:]
        func note(_ field: String, _ old: String, _ new: String) {
            if old != new { changes[field] = "\(old) → \(new)" }
        }
        note("trial_credits", "\(earlier.trialCredits)", "\(trialCredits)")
        note("persona_creation_cost", "\(earlier.personaCreationCost)", "\(personaCreationCost)")
        note("focus_group_run_cost", "\(earlier.focusGroupRunCost)", "\(focusGroupRunCost)")
        note("monthly_quota_usd", earlier.monthlyUSDQuota.dollars, monthlyUSDQuota.dollars)
        let before = Dictionary(earlier.creditPacks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(creditPacks.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in Set(before.keys).union(after.keys) {
            note("credit_packs.\(id)", before[id]?.auditText ?? "none", after[id]?.auditText ?? "none")
        }
        note(
            "credit_packs", earlier.creditPacks.map(\.id).joined(separator: ", "),
            creditPacks.map(\.id).joined(separator: ", "))
        return changes
    }
}

extension CreditPack {
    fileprivate var auditText: String {
        "\(name) · \(priceCents)¢ · \(credits) cr · \(active ? "active" : "inactive")"
    }
}
