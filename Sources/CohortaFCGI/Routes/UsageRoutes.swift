import Domain
import HTTPCore

/// GET /api/usage/me: the signed-in user's LLM usage and credit movements for a range of UTC days
/// (`from`, `to` as YYYY-MM-DD; the last 30 days by default), with this month's `quota`.
struct UsageRoutes {
    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/usage/me") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let report = try app.usageOverview(for: user.id, from: request.query["from"], to: request.query["to"])
            return .json(UsageReportRepresentation(report, quota: try app.spendingQuota.status(of: user.id)))
        }
    }
}
