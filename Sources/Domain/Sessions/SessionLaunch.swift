import Foundation

/// Starting runs of a focus group: a fresh session, a resumed one, a fork from a message, or an exact
/// replay. A run is charged `focusGroupRunCost` credits up front (a replay is free: every call is served
/// from `llm_calls`); the balance is checked before anything is created, so an empty balance is a 402
/// with nothing spent. So is the monthly spend limit: a new run (or fork) is refused when the month's
/// spend plus its preflight estimate (at most its USD cap) would exceed it, a resume when it is reached. The API never writes a session after its task is queued: from then on the runner
/// owns it.
public struct SessionLaunch: Sendable {
    public static let kind = TaskKind("focus_group_run")

    private let focusGroups: any FocusGroupStore
    private let personas: any PersonaStore
    private let sessions: any SessionStore
    private let users: any UserStore
    private let ledger: any LedgerStore
    private let settings: any SettingsStore
    private let pricing: any ModelPricingStore
    private let models: LLMModelNames
    private let launch: TaskLauncher
    private let clock: any Clock
    private let randomSeed: @Sendable () -> Int

    public init(
        focusGroups: any FocusGroupStore, personas: any PersonaStore, sessions: any SessionStore,
        users: any UserStore, ledger: any LedgerStore, settings: any SettingsStore, pricing: any ModelPricingStore,
        models: LLMModelNames, launch: TaskLauncher, clock: any Clock,
        randomSeed: @escaping @Sendable () -> Int = { Int.random(in: 0...Int(Int32.max)) }
    ) {
        self.focusGroups = focusGroups
        self.personas = personas
        self.sessions = sessions
        self.users = users
        self.ledger = ledger
        self.settings = settings
        self.pricing = pricing
        self.models = models
        self.launch = launch
        self.clock = clock
        self.randomSeed = randomSeed
    }

    /// The preflight: calls, tokens, dollars and credits a run of the group would take.
    public func estimate(_ id: FocusGroupID, owner: UserID) throws -> CostEstimator.Estimate {
        try estimate(of: self.snapshot(of: id, owner: owner))
    }

    private func estimate(of snapshot: SessionSnapshot) throws -> CostEstimator.Estimate {
        let estimator = CostEstimator(
            settings: snapshot.settings, participantCount: snapshot.participants.count, guide: snapshot.guide)
        return estimator.estimate(
            main: try pricing.pricing(model: models.model(for: .main), at: clock.now),
            mini: try pricing.pricing(model: models.model(for: .mini), at: clock.now),
            runCredits: try settings.appSettings().focusGroupRunCost)
    }

    /// A new run of the group as it is now.
    public func start(_ id: FocusGroupID, owner: UserID) throws -> (FocusGroupSession, TaskRecord) {
        let snapshot = try self.snapshot(of: id, owner: owner)
        try requireQuota(for: snapshot, owner: owner)
        return try begin(
            session(
                owner: owner, snapshot: snapshot,
                state: ConversationState(participants: snapshot.participants.map(\.id))),
            charged: true)
    }

    /// A paused run goes on from where it stopped (a new task; nothing is charged again).
    public func resume(_ id: SessionID, owner: UserID) throws -> (FocusGroupSession, TaskRecord) {
        guard var session = try sessions.session(id: id, owner: owner) else { throw Self.notFound }
        guard session.status == .paused else {
            throw DomainError(
                .conflict, "Only a paused session can be resumed; this one is \(session.status.rawValue).")
        }
        try launch.requireQuota(for: owner)
        let paused = session
        session.status = .queued
        session.failure = nil
        session.updatedAt = clock.now
        try sessions.save(session)
        do {
            return (session, try launch(Self.kind, for: owner, input: Self.input(session.id), checkingQuota: false))
        } catch {
            // No task was queued (e.g. the user already runs as many as allowed): the session stays paused.
            try? sessions.save(paused)
            throw error
        }
    }

    /// A new run that shares the parent's messages up to `seq` (that message's text replaced by `text`, and a
    /// concept stimulus's text replaced by `stimulus`, when given) and goes on from there.
    public func fork(
        _ id: SessionID, owner: UserID, at seq: Int, text: String?, stimulus: (id: StimulusID, text: String)? = nil
    ) throws -> (FocusGroupSession, TaskRecord) {
        guard let parent = try sessions.session(id: id, owner: owner) else { throw Self.notFound }
        var snapshot = parent.snapshot
        if let stimulus {
            guard let index = snapshot.stimuli.firstIndex(where: { $0.id == stimulus.id }),
                case .concept = snapshot.stimuli[index].content
            else { throw DomainError.invalid("stimulus.id", "Only a concept stimulus of the session can be changed.") }
            snapshot.stimuli[index].content = .concept(
                text: try Self.validatedText(stimulus.text, field: "stimulus.text"))
        }
        guard let branchPoint = try sessions.message(of: id, seq: seq) else {
            throw DomainError.invalid("seq", "The session has no message \(seq).")
        }
        let edited = try text.map { try Self.validatedText($0, field: "text") }
        try requireQuota(for: snapshot, owner: owner)
        var state = branchPoint.stateAfter
        state.spent = .zero
        state.promptTokens = 0
        state.completionTokens = 0
        state.lastCommand = nil
        let child = session(
            owner: owner, snapshot: snapshot, state: state, seedBase: parent.seedBase,
            fork: FocusGroupSession.Fork(parent: parent.id, seq: seq),
            polls: parent.polls.filter { state.pollsRun.contains($0.section) })
        return try begin(child, charged: true) { created in
            for message in try sessions.messages(of: id, afterSeq: 0, limit: seq) {
                _ = try sessions.append(
                    SessionMessage(
                        sessionID: created.id, seq: message.seq, speaker: message.speaker,
                        speakerName: message.speakerName,
                        text: message.seq == seq ? edited ?? message.text : message.text,
                        position: message.position, usage: message.usage, cost: message.cost,
                        regenerations: message.regenerations,
                        stateAfter: message.seq == seq ? state : message.stateAfter,
                        createdAt: message.createdAt))
            }
        }
    }

    /// The same run again, served from `llm_calls`: no tokens, no credits.
    public func replay(_ id: SessionID, owner: UserID) throws -> (FocusGroupSession, TaskRecord) {
        guard let original = try sessions.session(id: id, owner: owner) else { throw Self.notFound }
        guard original.status == .finished else {
            throw DomainError(.conflict, "Only a finished session can be replayed.")
        }
        let replay = session(
            owner: owner, snapshot: original.snapshot,
            state: ConversationState(participants: original.snapshot.participants.map(\.id)),
            seedBase: original.seedBase, replayOf: original.id)
        return try begin(replay, charged: false)
    }

    // MARK: - Pieces

    /// Refuses (402) a run whose estimate the month's remaining spend does not cover. A run never spends
    /// much beyond its USD cap, so the estimate counts at most that; an unpriced model counts nothing.
    private func requireQuota(for snapshot: SessionSnapshot, owner: UserID) throws {
        let expected = try estimate(of: snapshot).cost ?? .zero
        try launch.requireQuota(for: owner, estimate: min(expected, snapshot.settings.usdCap))
    }

    /// Stores the session, charges it, copies what it inherits (`prepare`), then queues its task. A failure
    /// after the charge refunds it and leaves the session failed.
    private func begin(
        _ draft: FocusGroupSession, charged: Bool, prepare: (FocusGroupSession) throws -> Void = { _ in }
    ) throws -> (FocusGroupSession, TaskRecord) {
        let cost = charged ? try settings.appSettings().focusGroupRunCost : .zero
        if cost.isPositive {
            let balance = try users.user(id: draft.ownerID)?.creditsBalance ?? .zero
            guard balance >= cost else {
                throw DomainError(
                    .insufficientCredits, "A focus group run costs \(cost) credits; your balance is \(balance).")
            }
        }
        var session = try sessions.insert(draft)
        do {
            if cost.isPositive {
                _ = try ledger.apply(
                    LedgerChange(
                        userID: session.ownerID, amount: Credits(-cost.value), kind: .debit,
                        reason: "Focus group run: \(session.snapshot.name)",
                        idempotencyKey: .focusGroupRun(session.id), at: clock.now))
                session.creditsCharged = cost
                try sessions.save(session)
            }
            try prepare(session)
            return (
                session,
                try launch(Self.kind, for: session.ownerID, input: Self.input(session.id), checkingQuota: false)
            )
        } catch {
            try fail(&session, refunding: cost, because: error)
            throw error
        }
    }

    private func fail(_ session: inout FocusGroupSession, refunding cost: Credits, because error: any Error) throws {
        if session.creditsCharged.isPositive {
            _ = try ledger.apply(
                LedgerChange(
                    userID: session.ownerID, amount: cost, kind: .refund, reason: "Focus group run not started",
                    idempotencyKey: .focusGroupRunRefund(session.id), at: clock.now))
            session.creditsCharged = .zero
        }
        session.status = .failed
        session.failure = (error as? DomainError)?.message ?? "The run could not be started."
        session.finishedAt = clock.now
        try sessions.save(session)
    }

    /// A new queued session (the store assigns its id); a fresh run gets a random seed base.
    private func session(
        owner: UserID, snapshot: SessionSnapshot, state: ConversationState, seedBase: Int? = nil,
        fork: FocusGroupSession.Fork? = nil, replayOf: SessionID? = nil, polls: [SessionPollResult] = []
    ) -> FocusGroupSession {
        FocusGroupSession(
            id: SessionID(""), ownerID: owner, snapshot: snapshot, status: .queued, state: state, taskID: nil,
            seedBase: seedBase ?? randomSeed(), fork: fork, replayOf: replayOf, themes: [], polls: polls, report: nil,
            creditsCharged: .zero, failure: nil, createdAt: clock.now, updatedAt: clock.now, finishedAt: nil)
    }

    /// The group frozen for a run: it needs a guide and 3–12 participants who still exist.
    func snapshot(of id: FocusGroupID, owner: UserID) throws -> SessionSnapshot {
        guard let group = try focusGroups.focusGroup(id: id, owner: owner) else {
            throw DomainError(.notFound, "No such focus group.")
        }
        guard let guide = group.guide else {
            throw DomainError(.conflict, "Generate or write a discussion guide before starting a session.")
        }
        var participants: [SessionSnapshot.Participant] = []
        for personaID in group.participantIDs {
            guard let persona = try personas.persona(id: personaID, owner: owner) else {
                throw DomainError(
                    .conflict, "A participant of this group was deleted; choose another before starting.",
                    field: "participant_ids")
            }
            participants.append(SessionSnapshot.Participant(id: personaID, profile: persona.profile))
        }
        guard participants.count >= 3 else {
            throw DomainError(.conflict, "A session needs at least 3 participants.", field: "participant_ids")
        }
        return SessionSnapshot(
            focusGroupID: group.id, name: group.name, objective: group.objective, audience: group.audience,
            language: group.language, participants: participants, stimuli: group.stimuli, settings: group.settings,
            guide: guide)
    }

    static func input(_ id: SessionID) -> JSONValue { .object([("session_id", .string(id.rawValue))]) }

    static func validatedText(_ raw: String, field: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...Self.maximumTextLength).contains(text.count) else {
            throw DomainError.invalid(field, "\(field) must be 1 to \(Self.maximumTextLength) characters.")
        }
        return text
    }

    public static let notFound = DomainError(.notFound, "No such session.")
    /// The longest researcher message (interjection, moderation, edited fork message).
    public static let maximumTextLength = 2_000
}
