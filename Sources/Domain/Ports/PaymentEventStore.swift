public import Foundation

/// `stripe_events`: bookkeeping of webhook events by id. Not the exactly-once guard (the ledger key is):
/// it lets a fully processed redelivery return early, and shows events that arrived but never finished.
public protocol PaymentEventStore: Sendable {
    /// Records the arrival (the first one wins) and says whether the event was already processed.
    func recordArrival(id: String, type: String, at: Date) throws -> PaymentEventArrival
    func markProcessed(id: String, at: Date) throws
}

public enum PaymentEventArrival: Sendable, Equatable {
    case new
    /// Seen before, but its processing never finished (the worker died, or the database failed).
    case unfinished
    case processed
}
