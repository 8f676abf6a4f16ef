public import Foundation

/// One run of a focus group: its frozen snapshot, the conversation state, and what came out of it.
/// Its messages live apart (`SessionMessage`), ordered by seq.
public struct FocusGroupSession: Sendable, Equatable {
    /// Where a fork branched off: the parent session and the last message it shares.
    public struct Fork: Sendable, Hashable {
        public let parent: SessionID
        public let seq: Int

        public init(parent: SessionID, seq: Int) {
            self.parent = parent
            self.seq = seq
        }
    }

    public let id: SessionID
    public let ownerID: UserID
    public var snapshot: SessionSnapshot
    public var status: SessionStatus
    public var state: ConversationState
    /// The run task driving it now (a pause ends the task; resuming starts another).
    public var taskID: TaskID?
    /// Every LLM call's seed derives from it: a replay reuses it, so each call is served from `llm_calls`.
    public let seedBase: Int
    public let fork: Fork?
    /// Set on a replay: the session it replays exactly, at no cost.
    public let replayOf: SessionID?
    public var themes: [SessionTheme]
    public var polls: [SessionPollResult]
    public var report: SessionReport?
    public var creditsCharged: Credits
    /// Why the run failed, when it did.
    public var failure: String?
    public let createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(
        id: SessionID, ownerID: UserID, snapshot: SessionSnapshot, status: SessionStatus, state: ConversationState,
        taskID: TaskID?, seedBase: Int, fork: Fork?, replayOf: SessionID?, themes: [SessionTheme],
        polls: [SessionPollResult], report: SessionReport?, creditsCharged: Credits, failure: String?,
        createdAt: Date, updatedAt: Date, finishedAt: Date?
    ) {
        self.id = id
        self.ownerID = ownerID
        self.snapshot = snapshot
        self.status = status
        self.state = state
        self.taskID = taskID
        self.seedBase = seedBase
        self.fork = fork
        self.replayOf = replayOf
        self.themes = themes
        self.polls = polls
        self.report = report
        self.creditsCharged = creditsCharged
        self.failure = failure
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}
