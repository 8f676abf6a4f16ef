public import Foundation

/// Runs a session (the `focus_group_run` task): carries out the researcher's commands, asks the
/// `ConversationEngine` for the next step, performs it through the LLM, and persists every message with
/// the state after it, so a runner killed at any moment resumes at the last stored message with nothing
/// lost, repeated or reordered. Every call's seed comes from the session's `seedBase` and the step, so a
/// resumed step, and a replay, is served from `llm_calls`.
///
/// While it runs it publishes what it is doing to `live` (the draft of the message being written, the
/// poll being asked, idle when it waits or ends), best effort: a failed publish never fails the run.
///
/// A pause ends the task (nothing is billed while paused; resuming starts a new task). The USD cap ends
/// the run with a partial report written without further calls.
public struct SessionRun: Sendable {
    let sessions: any SessionStore
    let live: any LiveActivityStore
    let llm: any LLMClient
    let prompts: PromptLibrary
    let clock: any Clock
    let sleeper: any Sleeper
    let window: ContextWindow
    let onEvent: @Sendable (SessionRunEvent) -> Void

    /// How often a run waiting for the researcher looks for their next command.
    public static let commandPollInterval = Duration.milliseconds(250)
    /// A taken-over session whose researcher says nothing for this long is paused.
    public static let humanIdleLimit: TimeInterval = 15 * 60

    public init(
        sessions: any SessionStore, live: any LiveActivityStore, llm: any LLMClient, prompts: PromptLibrary,
        clock: any Clock,
        sleeper: any Sleeper, window: ContextWindow = .standard,
        onEvent: @escaping @Sendable (SessionRunEvent) -> Void = { _ in }
    ) {
        self.sessions = sessions
        self.live = live
        self.llm = llm
        self.prompts = prompts
        self.clock = clock
        self.sleeper = sleeper
        self.window = window
        self.onEvent = onEvent
    }

    /// Runs until the session finishes, pauses or is cancelled; returns the task result
    /// `{session_id, status, turns, end_reason}`.
    public func callAsFunction(_ id: SessionID, task: TaskID, context: any TaskContext) throws -> JSONValue {
        guard var session = try sessions.session(id: id) else {
            throw TaskFailure(Self.sessionGone, "The session no longer exists.")
        }
        session.taskID = task
        var active = try ActiveSession(session: session, run: self, context: context)
        return try active.drive()
    }

    public static let sessionGone = TaskFailure.Code("session_gone")
}
