import Domain

/// The JSON of GET /api/usage/me (docs/openapi.yaml `UsageReport`): every row is its label plus the
/// same figures; money is exact (`cost_micro_usd`, and `cost_usd` as a six-decimal string).
struct UsageReportRepresentation: Encodable {
    /// One row: `{<label key>: <label>, calls, replayed_calls, …}`; a nil label is encoded as null, and a
    /// row without a label key (the totals) has the figures only.
    struct Row: Encodable {
        let labelKey: String?
        let label: String?
        let figures: UsageFigures

        init(_ labelKey: String?, _ label: String?, _ figures: UsageFigures) {
            self.labelKey = labelKey
            self.label = label
            self.figures = figures
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            if let labelKey { try container.encode(label, forKey: Key(labelKey)) }
            try container.encode(figures.calls, forKey: "calls")
            try container.encode(figures.replayedCalls, forKey: "replayed_calls")
            try container.encode(figures.promptTokens, forKey: "prompt_tokens")
            try container.encode(figures.completionTokens, forKey: "completion_tokens")
            try container.encode(figures.totalTokens, forKey: "total_tokens")
            try container.encode(figures.cost.value, forKey: "cost_micro_usd")
            try container.encode(figures.cost.dollars, forKey: "cost_usd")
        }
    }

    struct Key: CodingKey, ExpressibleByStringLiteral {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init(stringLiteral name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    struct Credits: Encodable {
        let balance: Int64
        let added: Int64
        let used: Int64
    }

    let from: String
    let to: String
    let totals: Row
    let byDay: [Row]
    let byFeature: [Row]
    let byModel: [Row]
    let byObject: [Row]
    let credits: Credits
    let quota: QuotaRepresentation

    init(_ report: UsageReport, quota: QuotaStatus) {
        from = report.range.from.description
        to = report.range.to.description
        totals = Row(nil, nil, report.totals)
        byDay = report.byDay.map { Row("date", $0.day.description, $0.figures) }
        byFeature = report.byFeature.map { Row("feature", $0.feature.rawValue, $0.figures) }
        byModel = report.byModel.map { Row("model", $0.model, $0.figures) }
        byObject = report.byObject.map { Row("object", $0.object, $0.figures) }
        credits = Credits(
            balance: report.credits.balance.value, added: report.credits.added.value,
            used: report.credits.used.value)
        self.quota = QuotaRepresentation(quota)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, totals, credits, quota
        case byDay = "by_day"
        case byFeature = "by_feature"
        case byModel = "by_model"
        case byObject = "by_object"
    }
}
