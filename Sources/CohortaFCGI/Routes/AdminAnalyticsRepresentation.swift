import Domain

/// The JSON of GET /api/admin/analytics (docs/openapi.yaml `AdminAnalytics`): money in USD as exact
/// six-decimal strings (margin may be negative), revenue in integer cents.
struct AdminAnalyticsRepresentation: Encodable {
    struct Figures: Encodable {
        let day: String?
        let figures: BusinessAnalyticsReport.Figures

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(day, forKey: .day)
            try container.encode(figures.signups, forKey: .signups)
            try container.encode(figures.activeUsers, forKey: .activeUsers)
            try container.encode(figures.personas, forKey: .personas)
            try container.encode(figures.sessions, forKey: .sessions)
            try container.encode(figures.revenueCents, forKey: .revenueCents)
            try container.encode(figures.llmSpend.dollars, forKey: .llmSpend)
            try container.encode(figures.margin.dollars, forKey: .margin)
        }

        enum CodingKeys: String, CodingKey {
            case day, signups, personas, sessions
            case activeUsers = "active_users"
            case revenueCents = "revenue_cents"
            case llmSpend = "llm_spend_usd"
            case margin = "margin_usd"
        }
    }

    struct TopUser: Encodable {
        let userID: String
        let email: String?
        let spendUSD: String
        let calls: Int
        let revenueCents: Int64

        init(_ top: BusinessAnalyticsReport.TopUser) {
            userID = top.user.rawValue
            email = top.email?.value
            spendUSD = top.spend.dollars
            calls = top.calls
            revenueCents = top.revenueCents
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(userID, forKey: .userID)
            try container.encode(email, forKey: .email)
            try container.encode(spendUSD, forKey: .spendUSD)
            try container.encode(calls, forKey: .calls)
            try container.encode(revenueCents, forKey: .revenueCents)
        }

        enum CodingKeys: String, CodingKey {
            case email, calls
            case userID = "user_id"
            case spendUSD = "spend_usd"
            case revenueCents = "revenue_cents"
        }
    }

    let from: String
    let to: String
    let days: [Figures]
    let totals: Figures
    let topUsers: [TopUser]

    init(_ report: BusinessAnalyticsReport) {
        from = report.range.from.description
        to = report.range.to.description
        days = report.days.map { Figures(day: $0.day.description, figures: $0.figures) }
        totals = Figures(day: nil, figures: report.totals)
        topUsers = report.topUsers.map(TopUser.init)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, days, totals
        case topUsers = "top_users"
    }
}
