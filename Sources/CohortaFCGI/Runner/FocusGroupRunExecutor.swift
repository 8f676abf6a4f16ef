import Domain
import LLM
import Logging

/// Runs `focus_group_run` tasks: the session named in the input, through `SessionRun` (Domain), which
/// persists every message with its state, so a resumed task goes on from the last one, and publishes
/// what it is doing to `session_live` for the live rooms. Logs every quality-gate regeneration, every
/// stop and a live activity that could not be published.
struct FocusGroupRunExecutor: TaskExecutor {
    let kind = SessionLaunch.kind
    let services: RunnerServices
    let logger: Logger

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        guard let id = task.input["session_id"]?.stringValue else {
            throw TaskFailure(SessionRun.sessionGone, "The task names no session.")
        }
        var logger = logger
        logger[metadataKey: "session"] = "\(id)"
        let run = SessionRun(
            sessions: services.ports.sessions, live: services.ports.liveActivity, llm: services.llm,
            prompts: services.prompts, clock: services.ports.clock, sleeper: ThreadSleeper(),
            onEvent: { [logger] event in Self.log(event, logger) })
        return try run(SessionID(id), task: task.id, context: context)
    }

    private static func log(_ event: SessionRunEvent, _ logger: Logger) {
        switch event {
        case .regenerated(let seq, let speaker, let reason, let attempt):
            logger.info(
                "turn regenerated",
                metadata: ["seq": "\(seq)", "speaker": "\(speaker)", "reason": "\(reason)", "attempt": "\(attempt)"])
        case .keptDespiteGate(let seq, let speaker, let reason):
            logger.warning(
                "turn kept after the last regeneration",
                metadata: ["seq": "\(seq)", "speaker": "\(speaker)", "reason": "\(reason)"])
        case .pollAnswerUnreadable(let persona, let poll):
            logger.warning("poll answer unreadable", metadata: ["persona": "\(persona)", "poll": "\(poll)"])
        case .decisionRejected(let seq, let problems):
            logger.warning(
                "decision rejected, fallback used",
                metadata: ["seq": "\(seq)", "problems": "\(problems.joined(separator: "; "))"])
        case .instructionsWithheld(let seq, let speaker):
            logger.warning(
                "turn quoted its instructions, withheld", metadata: ["seq": "\(seq)", "speaker": "\(speaker)"])
        case .stopped(let status, let reason):
            logger.info("session stopped", metadata: ["status": "\(status.rawValue)", "reason": "\(reason)"])
        case .livePublishFailed(let error):
            logger.warning("live activity not published", metadata: ["error": "\(error)"])
        }
    }
}
