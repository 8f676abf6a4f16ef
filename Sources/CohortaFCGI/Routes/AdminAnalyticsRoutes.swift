import Domain
import HTTPCore

/// The administrators' Analytics area: GET /api/admin/analytics?days=30 (1…366, today included), audited
/// as `view_analytics`. Admin-only; the use case refuses everyone else with 403.
struct AdminAnalyticsRoutes {
    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/admin/analytics") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let report = try app.businessAnalytics().report(by: actor, days: request.query["days"])
            return .json(AdminAnalyticsRepresentation(report))
        }
    }
}
