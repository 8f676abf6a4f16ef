import Foundation

/// Every user's LLM usage over a `UsageRange`, summed per UTC day × user × feature × model as events are
/// visited one by one, with the breakdowns of GET /api/admin/usage and the rows of its CSV. Pure.
public struct UsageReportTally: Sendable {
    /// One cell of the finest breakdown.
    public struct Cell: Sendable, Hashable {
        public let day: CalendarDay
        public let user: UserID
        public let feature: LLMFeature
        public let model: String
    }

    public let range: UsageRange
    public private(set) var totals = UsageFigures()
    private var cells: [Cell: UsageFigures] = [:]
    private var days: [CalendarDay: UsageFigures] = [:]
    private var perUser: [UserID: UsageFigures] = [:]
    private var features: [LLMFeature: UsageFigures] = [:]
    private var models: [String: UsageFigures] = [:]
    /// Filled in once the tally is complete (see `UsageReportAdministration`); users without an account are absent.
    public internal(set) var emails: [UserID: EmailAddress] = [:]

    public init(range: UsageRange) {
        self.range = range
    }

    /// Counts `event` unless it falls outside the range.
    public mutating func add(_ event: UsageEvent) {
        let interval = range.interval
        guard interval.start <= event.createdAt, event.createdAt < interval.end else { return }
        totals.add(event)
        let cell = Cell(
            day: CalendarDay(containing: event.createdAt), user: event.userID, feature: event.feature,
            model: event.model)
        cells[cell, default: UsageFigures()].add(event)
        days[cell.day, default: UsageFigures()].add(event)
        perUser[cell.user, default: UsageFigures()].add(event)
        features[cell.feature, default: UsageFigures()].add(event)
        models[cell.model, default: UsageFigures()].add(event)
    }

    /// The users who made a call in the range.
    public var users: Set<UserID> { Set(perUser.keys) }

    /// Every day of the range, zero-filled, in order.
    public var byDay: [(day: CalendarDay, figures: UsageFigures)] {
        range.days.map { ($0, days[$0] ?? UsageFigures()) }
    }

    /// Most expensive first (then most tokens, then by id).
    public var byUser: [(user: UserID, figures: UsageFigures)] {
        UsageReport.ranked(perUser, name: \.rawValue).map { (user: $0.key, figures: $0.figures) }
    }

    public var byFeature: [(feature: LLMFeature, figures: UsageFigures)] {
        UsageReport.ranked(features, name: \.rawValue).map { (feature: $0.key, figures: $0.figures) }
    }

    public var byModel: [(model: String, figures: UsageFigures)] {
        UsageReport.ranked(models, name: { $0 }).map { (model: $0.key, figures: $0.figures) }
    }

    /// Every cell with a call, by day, then email (id when unknown), feature and model.
    public var rows: [(cell: Cell, figures: UsageFigures)] {
        cells.map { (cell: $0.key, figures: $0.value) }.sorted { left, right in
            let (a, b) = (left.cell, right.cell)
            if a.day != b.day { return a.day < b.day }
            let (nameA, nameB) = (emails[a.user]?.value ?? a.user.rawValue, emails[b.user]?.value ?? b.user.rawValue)
            if nameA != nameB { return nameA < nameB }
            if a.user != b.user { return a.user.rawValue < b.user.rawValue }
            if a.feature != b.feature { return a.feature.rawValue < b.feature.rawValue }
            return a.model < b.model
        }
    }
}
