import Domain
import HTTPCore

/// GET /api/quota/me (the signed-in user's monthly spend limit) and the admin override
/// PUT /api/admin/users/:id/quota `{monthly_usd: "25.00" | null}` (null: back to the default).
struct QuotaRoutes {
    /// The override's body: `monthly_usd` must be present, a non-negative dollar string or null.
    private struct Override: Decodable {
        let limit: MicroUSD?

        enum CodingKeys: String, CodingKey { case monthlyUSD = "monthly_usd" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            guard container.contains(.monthlyUSD) else { throw Self.invalid }
            if try container.decodeNil(forKey: .monthlyUSD) {
                limit = nil
                return
            }
            guard let text = try? container.decode(String.self, forKey: .monthlyUSD),
                let limit = MicroUSD(dollars: text)
            else { throw Self.invalid }
            self.limit = limit
        }

        static let invalid = DomainError.invalid(
            "monthly_usd", "monthly_usd must be a dollar amount such as \"25.00\", or null for the default.")
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/quota/me") { request, _, _ in
            let user = try app.authenticatedUser(request)
            return .json(QuotaRepresentation(try app.spendingQuota.status(of: user.id)))
        }
        router.on(.put, "/api/admin/users/:id/quota") { request, _, parameters in
            let actor = try app.authenticatedUser(request)
            let body = try request.decode(Override.self)
            let status = try app.quotaOverride(by: actor, for: UserID(parameters["id"] ?? ""), limit: body.limit)
            return .json(QuotaRepresentation(status))
        }
    }
}
