import Domain

extension AppContainer {
    /// The admin usage report, or 503 where this process has no `ActivityHistory`.
    func usageReports() throws -> UsageReportAdministration {
        guard let usageReportAdministration else { throw DomainError.unavailable(detail: "no activity history") }
        return usageReportAdministration
    }

    /// The admin analytics, or 503 where this process has no `ActivityHistory`.
    func businessAnalytics() throws -> BusinessAnalytics {
        guard let analytics else { throw DomainError.unavailable(detail: "no activity history") }
        return analytics
    }
}
