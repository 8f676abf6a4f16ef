import Domain
import HTTPCore

/// The administrators' Usage area: GET /api/admin/usage?from&to (JSON, audited as `view_usage`) and GET
/// /api/admin/usage.csv?from&to (a download, audited as `export_usage`). Inclusive UTC days, the last 30
/// by default, at most 366. Admin-only; the use case refuses everyone else with 403.
struct AdminUsageRoutes {
    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/admin/usage") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let tally = try app.usageReports().report(by: actor, from: request.query["from"], to: request.query["to"])
            return .json(AdminUsageReportRepresentation(tally))
        }
        router.on(.get, "/api/admin/usage.csv") { request, _, _ in
            let actor = try app.authenticatedUser(request)
            let tally = try app.usageReports().export(by: actor, from: request.query["from"], to: request.query["to"])
            var headers: HTTPHeaders = [:]
            headers.add(name: "Content-Type", value: "text/csv; charset=utf-8")
            headers.add(
                name: "Content-Disposition",
                value: "attachment; filename=\"\(UsageReportCSV.filename(for: tally.range))\"")
            return HTTPResponse(status: .ok, headers: headers, body: Array(UsageReportCSV.render(tally).utf8))
        }
    }
}
