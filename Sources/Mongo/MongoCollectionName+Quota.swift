/// Monthly spend limits (docs/design.md "Quotas"): per-user overrides and the per-month spend counter.
extension MongoCollectionName {
    static let quotas = "quotas"
    static let usageMonths = "usage_months"
}
