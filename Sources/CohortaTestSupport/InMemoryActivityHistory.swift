public import Domain
public import Foundation
import Synchronization

/// `ActivityHistory` in memory: the test records usage events, business events and accounts, and each
/// visit hands over the ones in the interval one at a time, as the Mongo cursor does.
public final class InMemoryActivityHistory: ActivityHistory {
    private struct State {
        var usage: [UsageEvent] = []
        var business: [BusinessEvent] = []
        var emails: [UserID: EmailAddress] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func record(_ event: UsageEvent) { state.withLock { $0.usage.append(event) } }
    public func record(_ event: BusinessEvent) { state.withLock { $0.business.append(event) } }
    public func register(_ user: UserID, email: EmailAddress) { state.withLock { $0.emails[user] = email } }

    public func visitUsageEvents(in interval: DateInterval, _ visit: (UsageEvent) throws -> Void) throws {
        for event in state.withLock({ $0.usage }) where Self.contains(interval, event.createdAt) { try visit(event) }
    }

    public func visitBusinessEvents(in interval: DateInterval, _ visit: (BusinessEvent) throws -> Void) throws {
        for event in state.withLock({ $0.business }) where Self.contains(interval, event.at) { try visit(event) }
    }

    public func emails(of users: Set<UserID>) throws -> [UserID: EmailAddress] {
        state.withLock { $0.emails.filter { users.contains($0.key) } }
    }

    private static func contains(_ interval: DateInterval, _ date: Date) -> Bool {
        interval.start <= date && date < interval.end
    }
}
