import Domain

/// The JSON of GET /api/admin/usage (docs/openapi.yaml `AdminUsageReport`): every row is its label(s)
/// plus the same figures, money as exact six-decimal dollar strings.
struct AdminUsageReportRepresentation: Encodable {
    /// `{<labels>…, calls, prompt_tokens, completion_tokens, cost_usd}`; a nil label is encoded as null.
    struct Row: Encodable {
        let labels: [(key: String, value: String?)]
        let figures: UsageFigures

        init(_ labels: [(key: String, value: String?)], _ figures: UsageFigures) {
            self.labels = labels
            self.figures = figures
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: UsageReportRepresentation.Key.self)
            for (key, value) in labels { try container.encode(value, forKey: .init(key)) }
            try container.encode(figures.calls, forKey: "calls")
            try container.encode(figures.promptTokens, forKey: "prompt_tokens")
            try container.encode(figures.completionTokens, forKey: "completion_tokens")
            try container.encode(figures.cost.dollars, forKey: "cost_usd")
        }
    }

    let from: String
    let to: String
    let totals: Row
    let byDay: [Row]
    let byUser: [Row]
    let byFeature: [Row]
    let byModel: [Row]

    init(_ tally: UsageReportTally) {
        from = tally.range.from.description
        to = tally.range.to.description
        totals = Row([], tally.totals)
        byDay = tally.byDay.map { Row([("day", $0.day.description)], $0.figures) }
        byUser = tally.byUser.map {
            Row([("user_id", $0.user.rawValue), ("email", tally.emails[$0.user]?.value)], $0.figures)
        }
        byFeature = tally.byFeature.map { Row([("feature", $0.feature.rawValue)], $0.figures) }
        byModel = tally.byModel.map { Row([("model", $0.model)], $0.figures) }
    }

    enum CodingKeys: String, CodingKey {
        case from, to, totals
        case byDay = "by_day"
        case byUser = "by_user"
        case byFeature = "by_feature"
        case byModel = "by_model"
    }
}
