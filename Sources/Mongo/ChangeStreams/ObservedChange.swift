public import Domain
public import Foundation

/// A stored change as the feed hands it over: the change, and when it happened in the database
/// (`ChangeTime`; nil when nothing names a time, and for `positionLost`). cohorta-ws measures its
/// delivery lag from `changedAt`.
public struct ObservedChange: Sendable {
    public let change: StoredChange
    public let changedAt: Date?

    public init(_ change: StoredChange, changedAt: Date?) {
        self.change = change
        self.changedAt = changedAt
    }
}
