import Foundation

/// The business's health per UTC day over a `UsageRange`, summed as usage and business events are visited
/// one by one (GET /api/admin/analytics). Pure.
public struct BusinessAnalyticsReport: Sendable {
    /// One day's figures, or the range's totals.
    public struct Figures: Sendable, Hashable {
        public internal(set) var signups = 0
        /// Distinct users with an LLM call, a persona created or a session started (over the whole range
        /// for the totals, so not the sum of the days).
        public internal(set) var activeUsers = 0
        public internal(set) var personas = 0
        public internal(set) var sessions = 0
        /// Stripe grants minus refund clawbacks.
        public internal(set) var revenueCents: Int64 = 0
        public internal(set) var llmSpend = MicroUSD.zero

        /// Revenue minus LLM spend; negative when the models cost more than was sold.
        public var margin: MicroUSD { MicroUSD(revenueCents * 10_000 - llmSpend.value) }
    }

    /// A user among the biggest LLM spenders of the range.
    public struct TopUser: Sendable, Hashable {
        public let user: UserID
        public let email: EmailAddress?
        public let spend: MicroUSD
        public let calls: Int
        public let revenueCents: Int64
    }

    private struct Spender {
        var spend = MicroUSD.zero
        var calls = 0
    }

    public static let topUserCount = 10

    public let range: UsageRange
    private var figures: [CalendarDay: Figures] = [:]
    private var activeByDay: [CalendarDay: Set<UserID>] = [:]
    private var spenders: [UserID: Spender] = [:]
    private var revenueByUser: [UserID: Int64] = [:]
    /// Filled in once the tally is complete (see `BusinessAnalytics`).
    var emails: [UserID: EmailAddress] = [:]

    public init(range: UsageRange) {
        self.range = range
    }

    /// Counts an LLM call unless it falls outside the range.
    public mutating func add(_ event: UsageEvent) {
        guard let day = day(of: event.createdAt) else { return }
        figures[day, default: Figures()].llmSpend += event.cost
        activeByDay[day, default: []].insert(event.userID)
        spenders[event.userID, default: Spender()].spend += event.cost
        spenders[event.userID, default: Spender()].calls += 1
    }

    /// Counts a signup, a persona, a session or a payment unless it falls outside the range.
    public mutating func add(_ event: BusinessEvent) {
        guard let day = day(of: event.at) else { return }
        if event.isActivity { activeByDay[day, default: []].insert(event.userID) }
        switch event {
        case .signup: figures[day, default: Figures()].signups += 1
        case .personaCreated: figures[day, default: Figures()].personas += 1
        case .sessionStarted: figures[day, default: Figures()].sessions += 1
        case .payment(let movement):
            figures[day, default: Figures()].revenueCents += movement.cents
            revenueByUser[movement.userID, default: 0] += movement.cents
        }
    }

    /// Every day of the range, zero-filled, in order.
    public var days: [(day: CalendarDay, figures: Figures)] {
        range.days.map { day in
            var figures = figures[day] ?? Figures()
            figures.activeUsers = activeByDay[day]?.count ?? 0
            return (day, figures)
        }
    }

    public var totals: Figures {
        var totals = figures.values.reduce(into: Figures()) { sum, day in
            sum.signups += day.signups
            sum.personas += day.personas
            sum.sessions += day.sessions
            sum.revenueCents += day.revenueCents
            sum.llmSpend += day.llmSpend
        }
        totals.activeUsers = activeByDay.values.reduce(into: Set<UserID>()) { $0.formUnion($1) }.count
        return totals
    }

    /// The `topUserCount` users with the most LLM spend (then most calls, then by id).
    public var topUsers: [TopUser] {
        spenders.sorted { left, right in
            if left.value.spend != right.value.spend { return left.value.spend > right.value.spend }
            if left.value.calls != right.value.calls { return left.value.calls > right.value.calls }
            return left.key.rawValue < right.key.rawValue
        }
        .prefix(Self.topUserCount)
        .map { user, spender in
            TopUser(
                user: user, email: emails[user], spend: spender.spend, calls: spender.calls,
                revenueCents: revenueByUser[user] ?? 0)
        }
    }

    /// The users `topUsers` lists.
    var topUserIDs: Set<UserID> { Set(topUsers.map(\.user)) }

    private func day(of date: Date) -> CalendarDay? {
        let interval = range.interval
        guard interval.start <= date, date < interval.end else { return nil }
        return CalendarDay(containing: date)
    }
}

extension MicroUSD {
    fileprivate static func += (total: inout MicroUSD, amount: MicroUSD) { total = total + amount }
}
