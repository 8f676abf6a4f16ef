public import Foundation

/// Decides which of a streaming turn's drafts are published, so a run writes at most about ten per
/// second however fast the model streams: the first text of a draft goes out at once, later text at
/// most once per `interval`. Text held back is not lost: every draft is the whole text so far, so the
/// next one published carries it, and the stored message follows the last one anyway.
/// Pure: the caller passes the time (the run's clock).
public struct DraftCoalescer: Sendable, Hashable {
    public static let standardInterval: TimeInterval = 0.1

    public let interval: TimeInterval
    /// When the current draft was last published; nil until its first text.
    private var lastPublished: Date?

    public init(interval: TimeInterval = Self.standardInterval) {
        self.interval = interval
    }

    /// A new draft begins (the next message, or another attempt at the same one): its first text is
    /// published at once.
    public mutating func begin() {
        lastPublished = nil
    }

    /// Whether text that arrived at `now` is published; when it is, the next waits `interval`.
    public mutating func shouldPublish(at now: Date) -> Bool {
        if let lastPublished, now.timeIntervalSince(lastPublished) < interval { return false }
        lastPublished = now
        return true
    }
}
