import Domain
import HTTPCore

/// The administrators' Credit settings: GET /api/admin/settings and PUT /api/admin/settings (the whole
/// object; `cache_seconds` is read-only and ignored when sent back; audited as `update_settings`).
/// Admin-only; the use case refuses everyone else with 403.
struct AdminSettingsRoutes {
    private struct Body: Decodable {
        let settings: AppSettings

        init(from decoder: any Decoder) throws {
            typealias CodingKeys = AppSettingsRepresentation.CodingKeys
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            settings = AppSettings(
                trialCredits: Credits(try body.decode(JSONInteger.self, forKey: .trialCredits).value),
                personaCreationCost: Credits(try body.decode(JSONInteger.self, forKey: .personaCreationCost).value),
                focusGroupRunCost: Credits(try body.decode(JSONInteger.self, forKey: .focusGroupRunCost).value),
                creditPacks: try body.decode([Pack].self, forKey: .creditPacks).map(\.pack),
                monthlyUSDQuota: try body.decode(USDAmount.self, forKey: .monthlyQuotaUSD).value)
        }
    }

    /// A pack as sent: `active` may be left out (true).
    private struct Pack: Decodable {
        let pack: CreditPack

        init(from decoder: any Decoder) throws {
            typealias CodingKeys = AppSettingsRepresentation.Pack.CodingKeys
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            pack = CreditPack(
                id: try body.decode(String.self, forKey: .id), name: try body.decode(String.self, forKey: .name),
                priceCents: try body.decode(JSONInteger.self, forKey: .priceCents).value,
                credits: Credits(try body.decode(JSONInteger.self, forKey: .credits).value),
                active: try body.decodeIfPresent(Bool.self, forKey: .active) ?? true)
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/admin/settings") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let settings = try app.settingsAdministration.settings(by: actor)
            return .json(AppSettingsRepresentation(settings, cacheSeconds: app.settingsAdministration.cacheLifetime))
        }
        router.on(.put, "/api/admin/settings") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            try UserAdministration.requireAdmin(actor)
            let body = try request.decode(Body.self)
            let settings = try app.settingsAdministration.replace(by: actor, with: body.settings)
            return .json(AppSettingsRepresentation(settings, cacheSeconds: app.settingsAdministration.cacheLifetime))
        }
    }
}

/// The credit settings: credits as integers, the default quota as an exact six-decimal dollar string, the
/// packs in display order (price in cents) and how many seconds a change takes to reach every process.
struct AppSettingsRepresentation: Encodable {
    struct Pack: Encodable {
        let id: String
        let name: String
        let priceCents: Int64
        let credits: Int64
        let active: Bool

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, credits, active
            case priceCents = "price_cents"
        }
    }

    let trialCredits: Int64
    let personaCreationCost: Int64
    let focusGroupRunCost: Int64
    let monthlyQuotaUSD: String
    let creditPacks: [Pack]
    let cacheSeconds: Int

    init(_ settings: AppSettings, cacheSeconds: Double) {
        trialCredits = settings.trialCredits.value
        personaCreationCost = settings.personaCreationCost.value
        focusGroupRunCost = settings.focusGroupRunCost.value
        monthlyQuotaUSD = settings.monthlyUSDQuota.dollars
        creditPacks = settings.creditPacks.map {
            Pack(id: $0.id, name: $0.name, priceCents: $0.priceCents, credits: $0.credits.value, active: $0.active)
        }
        self.cacheSeconds = Int(cacheSeconds)
    }

    /// Also the keys `PUT` accepts.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case trialCredits = "trial_credits"
        case personaCreationCost = "persona_creation_cost"
        case focusGroupRunCost = "focus_group_run_cost"
        case monthlyQuotaUSD = "monthly_quota_usd"
        case creditPacks = "credit_packs"
        case cacheSeconds = "cache_seconds"
    }
}
