import Foundation

/// One run of a session in progress on a runner thread: the session, its transcript so far, and the
/// engine. Each step persists before the next begins.
struct ActiveSession {
    var session: FocusGroupSession
    var transcript: [TranscriptLine]
    let run: SessionRun
    let context: any TaskContext
    let engine: ConversationEngine
    let prompts: SessionPrompts
    /// What the run is doing right now, for the researchers watching (best effort).
    let live: LiveActivityPublisher
    /// When the researcher last did something (for the take-over idle limit).
    var lastHumanActivity: Date
    /// The progress last written to the task, and when.
    var lastProgress: TaskProgress?
    var lastProgressAt = Date.distantPast

    init(session: FocusGroupSession, run: SessionRun, context: any TaskContext) throws {
        self.session = session
        self.run = run
        self.context = context
        engine = session.snapshot.engine
        prompts = SessionPrompts(snapshot: session.snapshot, window: run.window)
        live = LiveActivityPublisher(store: run.live, sessionID: session.id, clock: run.clock, onEvent: run.onEvent)
        transcript = try Self.transcript(of: session.id, in: run.sessions)
        lastHumanActivity = run.clock.now
        // A runner that died after storing a message but before saving the session: adopt what was stored.
        while let message = try run.sessions.message(of: session.id, seq: self.session.state.nextSeq) {
            self.session.state = message.stateAfter
        }
    }

    private static func transcript(of id: SessionID, in store: any SessionStore) throws -> [TranscriptLine] {
        var lines: [TranscriptLine] = []
        while true {
            let page = try store.messages(of: id, afterSeq: lines.last?.seq ?? 0, limit: 500)
            lines += page.map(\.transcriptLine)
            if page.count < 500 { return lines }
        }
    }

    var state: ConversationState {
        get { session.state }
        set { session.state = newValue }
    }

    // MARK: - The loop

    mutating func drive() throws -> JSONValue {
        if session.status.isEnded { return result() }
        session.status = .running
        try save()
        // Waiting, paused, stopped, finished or failed: nothing is in flight once the loop is left.
        defer { live.idle() }
        do {
            while true {
                if context.isCancelled { throw TaskFailure.cancelled }
                if let outcome = try applyCommands() { return outcome }
                let step = engine.nextStep(state)
                if step.callsModel, state.spent >= session.snapshot.settings.usdCap {
                    engine.stopAtCap(&state)
                    return try finish(partialReport: true)
                }
                switch step {
                case .done: return try finish(partialReport: state.endReason != .completed)
                case .waitForHuman:
                    if let outcome = try waitForHuman() { return outcome }
                case .moderator(let move): try moderate(move)
                case .decide: try decide()
                case .participant(let persona): try speak(persona)
                case .poll(let section): try poll(section: section)
                case .themes(let section): try updateThemes(after: section)
                case .report: try writeReport()
                }
                try reportProgress(step)
            }
        } catch let failure as TaskFailure where failure.code == .cancelled {
            _ = try stop(.cancelled, reason: "cancelled")
            throw failure
        } catch let error as DomainError where error.code == .unavailable {
            // The database is unreachable: hand the task back; it resumes at the last stored message.
            if error.isDatabaseUnreachable { throw TaskFailure.interrupted }
            // The AI service kept failing: pause, so the researcher can resume when it is back.
            session.failure = error.message
            return try stop(.paused, reason: "the AI service is unavailable")
        } catch let error as DomainError where error.code == .quotaExceeded {
            // The owner's monthly limit is reached: pause with what was said so far, resumable next month
            // or after the limit is raised. The gateway made no call beyond the limit.
            session.failure = error.message
            return try stop(.paused, reason: "the monthly spend limit is reached")
        }
    }

    /// Writes the task's progress when it changed, and every few seconds while nothing changes (a wait for
    /// the researcher), which is also when a stopping runner interrupts the task.
    private mutating func reportProgress(_ step: ConversationStep) throws {
        let progress = TaskProgress(
            done: min(state.turns, session.snapshot.settings.maxTurns), total: session.snapshot.settings.maxTurns,
            message: step.progressMessage)
        let now = run.clock.now
        guard progress != lastProgress || now.timeIntervalSince(lastProgressAt) >= Self.idleProgressInterval else {
            return
        }
        try context.report(progress)
        lastProgress = progress
        lastProgressAt = now
    }

    static let idleProgressInterval: TimeInterval = 2

    /// Waits one poll interval for the researcher; pauses the session after the idle limit.
    private mutating func waitForHuman() throws -> JSONValue? {
        if run.clock.now.timeIntervalSince(lastHumanActivity) > SessionRun.humanIdleLimit {
            return try stop(.paused, reason: "the researcher was idle")
        }
        live.idle()
        _ = run.sleeper.sleep(for: SessionRun.commandPollInterval, cancellation: context.cancellation)
        return nil
    }

    // MARK: - Persistence

    mutating func save() throws {
        session.updatedAt = run.clock.now
        try run.sessions.save(session)
    }

    /// Stores a message with the state after it (`record` moves the state on), then the session.
    mutating func append(
        _ speaker: Speaker, name: String, text: String, usage: TokenUsage = .zero, cost: MicroUSD = .zero,
        regenerations: [String] = [], record: (inout ConversationState) -> Void
    ) throws {
        var after = state
        record(&after)
        let message = SessionMessage(
            sessionID: session.id, seq: state.nextSeq, speaker: speaker, speakerName: name, text: text,
            position: state.phase == .discussing ? state.position : nil, usage: usage, cost: cost,
            regenerations: regenerations, stateAfter: after, createdAt: run.clock.now)
        let stored = try run.sessions.append(message)
        state = stored.stateAfter
        transcript.append(stored.transcriptLine)
        try save()
    }

    // MARK: - Endings

    /// Ends the run with `status` (paused, cancelled) and says why in the logs.
    mutating func stop(_ status: SessionStatus, reason: String) throws -> JSONValue {
        session.status = status
        if status == .cancelled {
            session.report = session.report ?? partialReport()
            session.finishedAt = run.clock.now
        }
        try save()
        run.onEvent(.stopped(status: status, reason: reason))
        return result()
    }

    mutating func finish(partialReport: Bool) throws -> JSONValue {
        if session.report == nil || partialReport && state.endReason == .usdCap {
            session.report = self.partialReport()
        }
        session.status = .finished
        session.finishedAt = run.clock.now
        try save()
        return result()
    }

    func partialReport() -> SessionReport {
        SessionReport.partial(state: state, themes: session.themes)
    }

    func result() -> JSONValue {
        .object([
            ("session_id", .string(session.id.rawValue)), ("status", .string(session.status.rawValue)),
            ("turns", .number(Double(state.turns))),
            ("end_reason", state.endReason.map { .string($0.rawValue) } ?? .null),
        ])
    }
}

extension ConversationStep {
    /// Whether the step makes an LLM call (the USD cap is checked before those).
    var callsModel: Bool {
        switch self {
        case .moderator, .decide, .participant, .poll, .themes, .report: true
        case .waitForHuman, .done: false
        }
    }

    var progressMessage: String {
        switch self {
        case .moderator: "The moderator is speaking"
        case .decide, .participant: "The group is discussing"
        case .poll: "Running a poll"
        case .themes: "Updating the themes"
        case .report: "Writing the report"
        case .waitForHuman: "Waiting for you to moderate"
        case .done: "Finished"
        }
    }
}
