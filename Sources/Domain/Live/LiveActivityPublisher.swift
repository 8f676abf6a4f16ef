import Foundation
import Synchronization

/// One run's `LiveActivity`, published best effort: the draft of the message being written as the model
/// streams it (coalesced by `DraftCoalescer`), the poll being asked, and idle when the run waits for the
/// researcher or ends. A failed publish never fails the run: it is reported through `onEvent` once, and
/// again only after a publish has succeeded since.
///
/// Thread: the run's thread (the gateway calls `onDelta` on the calling thread); the lock is there
/// because the streaming callback is `@Sendable`, and it is never held while publishing.
final class LiveActivityPublisher: Sendable {
    private struct State {
        var coalescer: DraftCoalescer
        /// The kind last published, so that a long wait publishes idle once.
        var last: LiveActivity.Kind?
        /// Whether the last publish failed (one report per streak of failures).
        var failing = false
    }

    private let store: any LiveActivityStore
    private let sessionID: SessionID
    private let clock: any Clock
    private let onEvent: @Sendable (SessionRunEvent) -> Void
    private let state: Mutex<State>  // guards the coalescer, the last kind and the failure streak

    init(
        store: any LiveActivityStore, sessionID: SessionID, clock: any Clock,
        onEvent: @escaping @Sendable (SessionRunEvent) -> Void, coalescer: DraftCoalescer = DraftCoalescer()
    ) {
        self.store = store
        self.sessionID = sessionID
        self.clock = clock
        self.onEvent = onEvent
        state = Mutex(State(coalescer: coalescer))
    }

    /// The `onDelta` of one model call drafting message `seq`. Each call is a new draft (a regeneration
    /// starts from nothing); each text so far is published tidied as the stored text will be (trimmed,
    /// without the speaker's own "Name:").
    func drafting(seq: Int, speaker: Speaker, name: String) -> @Sendable (String) -> Void {
        state.withLock { $0.coalescer.begin() }
        return { [self] text in
            guard !text.allSatisfy(\.isWhitespace) else { return }
            let now = clock.now
            guard state.withLock({ $0.coalescer.shouldPublish(at: now) }) else { return }
            let draft = QualityGate.withoutOwnName(text.trimmingWhitespace(), name)
            publish(.speaking(seq: seq, speaker: speaker, speakerName: name, draft: draft), at: now)
        }
    }

    /// Every participant is about to answer `poll` in private.
    func polling(section: Int, poll: GuidePoll) {
        publish(.polling(section: section, poll: poll), at: clock.now)
    }

    /// Nothing in flight. Published once however often the run says so in a row.
    func idle() {
        guard state.withLock({ $0.last != .idle }) else { return }
        publish(.idle, at: clock.now)
    }

    private func publish(_ kind: LiveActivity.Kind, at now: Date) {
        do {
            try store.publish(LiveActivity(sessionID: sessionID, kind: kind, updatedAt: now))
            state.withLock {
                $0.last = kind
                $0.failing = false
            }
        } catch {
            let firstInStreak = state.withLock { state in
                defer { state.failing = true }
                return !state.failing
            }
            if firstInStreak { onEvent(.livePublishFailed(error)) }
        }
    }
}
