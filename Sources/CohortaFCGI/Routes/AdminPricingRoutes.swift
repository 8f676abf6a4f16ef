import Domain
import Foundation
import HTTPCore

/// The administrators' Pricing area: GET /api/admin/pricing (every model's current, scheduled and earlier
/// prices) and POST /api/admin/pricing `{model, input_usd_per_mtok, output_usd_per_mtok, effective_from?}`
/// (audited as `set_price`). Admin-only; the use case refuses everyone else with 403.
struct AdminPricingRoutes {
    private struct NewPrice: Decodable {
        let request: PriceAdministration.Request

        enum CodingKeys: String, CodingKey, CaseIterable {
            case model
            case input = "input_usd_per_mtok"
            case output = "output_usd_per_mtok"
            case effectiveFrom = "effective_from"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            let effectiveFrom = try body.decodeIfPresent(String.self, forKey: .effectiveFrom).map { text in
                guard let date = Self.date(text) else {
                    throw DomainError.invalid(
                        "effective_from", "effective_from must be an ISO-8601 date or date-time (UTC by default).")
                }
                return date
            }
            request = PriceAdministration.Request(
                model: try body.decode(String.self, forKey: .model),
                inputPerMillion: try body.decode(USDAmount.self, forKey: .input).value,
                outputPerMillion: try body.decode(USDAmount.self, forKey: .output).value,
                effectiveFrom: effectiveFrom)
        }

        /// `2026-12-01` (midnight UTC), `2026-12-01T09:30:00Z`, with fractional seconds or an offset.
        static func date(_ text: String) -> Date? {
            if let day = CalendarDay(iso: text) { return day.start }
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions.insert(.withFractionalSeconds)
            return formatter.date(from: text)
        }
    }

    private struct Models: Encodable {
        let models: [ModelPricingScheduleRepresentation]
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/admin/pricing") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let schedules = try app.priceAdministration.schedules(by: actor)
            return .json(Models(models: schedules.map(ModelPricingScheduleRepresentation.init)))
        }
        router.on(.post, "/api/admin/pricing") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            try UserAdministration.requireAdmin(actor)
            let body = try request.decode(NewPrice.self)
            let entry = try app.priceAdministration.add(by: actor, body.request)
            return .json(ModelPricingEntryRepresentation(entry), status: .created)
        }
    }
}

/// One model's prices: `current` (null when none is in force yet), `scheduled` (oldest first) and
/// `history` (newest first).
struct ModelPricingScheduleRepresentation: Encodable {
    let model: String
    let current: ModelPricingEntryRepresentation?
    let scheduled: [ModelPricingEntryRepresentation]
    let history: [ModelPricingEntryRepresentation]

    init(_ schedule: ModelPricingSchedule) {
        model = schedule.model
        current = schedule.current.map(ModelPricingEntryRepresentation.init)
        scheduled = schedule.scheduled.map(ModelPricingEntryRepresentation.init)
        history = schedule.history.map(ModelPricingEntryRepresentation.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(current, forKey: .current)
        try container.encode(scheduled, forKey: .scheduled)
        try container.encode(history, forKey: .history)
    }

    enum CodingKeys: String, CodingKey { case model, current, scheduled, history }
}

/// A price entry: USD per million tokens as exact six-decimal strings.
struct ModelPricingEntryRepresentation: Encodable {
    let id: String
    let model: String
    let inputUSDPerMillion: String
    let outputUSDPerMillion: String
    let effectiveFrom: Date
    let createdBy: String?
    let createdAt: Date

    init(_ entry: ModelPricingEntry) {
        id = entry.id
        model = entry.model
        inputUSDPerMillion = entry.pricing.inputPerMillion.dollars
        outputUSDPerMillion = entry.pricing.outputPerMillion.dollars
        effectiveFrom = entry.effectiveFrom
        createdBy = entry.createdBy?.rawValue
        createdAt = entry.createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(model, forKey: .model)
        try container.encode(inputUSDPerMillion, forKey: .inputUSDPerMillion)
        try container.encode(outputUSDPerMillion, forKey: .outputUSDPerMillion)
        try container.encode(effectiveFrom, forKey: .effectiveFrom)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(createdAt, forKey: .createdAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, model
        case inputUSDPerMillion = "input_usd_per_mtok"
        case outputUSDPerMillion = "output_usd_per_mtok"
        case effectiveFrom = "effective_from"
        case createdBy = "created_by"
        case createdAt = "created_at"
    }
}
