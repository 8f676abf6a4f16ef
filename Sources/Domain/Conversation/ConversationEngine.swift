/// The discussion's rules as a state machine: `nextStep` says what to do next from a `ConversationState`,
/// and the `record…` methods move the state on once it is done. Pure and deterministic, so a run can be
/// resumed, replayed or forked from any persisted state; the runner does the I/O (LLM calls, messages).
public struct ConversationEngine: Sendable {
    public let guide: DiscussionGuide
    public let participants: [PersonaID]
    public let settings: FocusGroupSettings
    public let policy: TurnPolicy

    /// Participant replies the group gives to each message of a researcher who took over.
    public static let repliesPerHumanMessage = 3

    public init(guide: DiscussionGuide, participants: [PersonaID], settings: FocusGroupSettings) {
        self.guide = guide
        self.participants = participants
        self.settings = settings
        policy = TurnPolicy(participants: participants, mode: settings.turnTaking)
    }

    // MARK: - What next

    public func nextStep(_ state: ConversationState) -> ConversationStep {
        switch state.phase {
        case .done: return .done
        case .reporting: return .report
        case .closing: return .moderator(.close(state.endReason ?? .completed))
        case .opening: return state.control == .human ? .waitForHuman : .moderator(.open)
        case .discussing: break
        }
        if state.control == .human { return humanModeratedStep(state) }
        if state.handBackPending { return .moderator(.handBack(state.position)) }
        if let mention = state.pendingMention { return .participant(mention) }
        if let interjection = state.pendingInterjection { return .moderator(.acknowledge(interjection: interjection)) }
        if state.turns >= settings.maxTurns - 1 { return .moderator(.close(.maxTurns)) }
        if !state.asked { return sectionWork(state) ?? askOrClose(state) }
        guard let decision = state.decision else { return .decide }
        if decision.probe, let probe = nextProbe(state) { return .moderator(.probe(state.position, probe: probe)) }
        return speaker(state, decision: decision).map(ConversationStep.participant) ?? .decide
    }

    /// The poll and themes of a section just finished, before the next question is asked.
    private func sectionWork(_ state: ConversationState) -> ConversationStep? {
        let finished = state.position.section - 1
        guard finished >= 0, state.position.question == 0 else { return nil }
        if guide.sections[finished].poll != nil, !state.pollsRun.contains(finished) { return .poll(section: finished) }
        if state.sectionsThemed <= finished { return .themes(section: finished) }
        return nil
    }

    private func askOrClose(_ state: ConversationState) -> ConversationStep {
        guard guide.question(at: state.position) != nil else { return .moderator(.close(.completed)) }
        return .moderator(.ask(state.position))
    }

    private func humanModeratedStep(_ state: ConversationState) -> ConversationStep {
        if let mention = state.pendingMention { return .participant(mention) }
        guard state.repliesDue > 0 else { return .waitForHuman }
        guard let decision = state.decision else { return .decide }
        return speaker(state, decision: decision).map(ConversationStep.participant) ?? .waitForHuman
    }

    private func speaker(_ state: ConversationState, decision: ConversationState.Decision) -> PersonaID? {
        let proposal: TurnPolicy.Proposal =
            switch settings.turnTaking {
            case .moderatorDirected: decision.addressed.map(TurnPolicy.Proposal.addressed) ?? .none
            case .desireBased: .desires(decision.desires)
            case .roundRobin: .none
            }
        return policy.next(stats: state.stats, mention: nil, proposal: proposal)
    }

    private func nextProbe(_ state: ConversationState) -> Int? {
        guard let question = guide.question(at: state.position), state.probesUsed < question.probes.count,
            participantTurnsOnQuestion(state) >= 1
        else { return nil }
        return state.probesUsed
    }

    // MARK: - Budgets

    /// Participant turns a question gets at most: its share of the section's budget, at least 2.
    public func questionBudget(_ position: GuidePosition) -> Int {
        guard guide.sections.indices.contains(position.section) else { return 2 }
        let section = guide.sections[position.section]
        return max(2, section.turnBudget / max(1, section.questions.count))
    }

    /// Participant turns before the decision step may call a question exhausted.
    public var minimumTurnsPerQuestion: Int { min(participants.count, 3) }

    public func participantTurnsOnQuestion(_ state: ConversationState) -> Int {
        state.stats.turnsOnQuestion.values.reduce(0, +)
    }

    // MARK: - Moving on

    /// The decision step's answer: moves to the next question when the current one is done (the budget
    /// is spent, or the step says exhausted after the minimum), otherwise keeps it for the next step.
    public func record(_ decision: ConversationState.Decision, in state: inout ConversationState) {
        let turns = participantTurnsOnQuestion(state)
        let done =
            state.control == .ai
            && (turns >= questionBudget(state.position)
                || (decision.questionExhausted && turns >= minimumTurnsPerQuestion))
        if done {
            advance(&state)
        } else {
            state.decision = decision
        }
    }

    /// A moderator message was stored.
    public func recordModerator(_ move: ModeratorMove, in state: inout ConversationState) {
        state.nextSeq += 1
        state.turns += 1
        state.decision = nil
        switch move {
        case .open:
            state.phase = .discussing
            state.position = GuidePosition(section: 0, question: 0)
            startQuestion(&state)
        case .ask(let position):
            state.position = position
            startQuestion(&state)
        case .probe:
            state.probesUsed += 1
        case .acknowledge:
            state.pendingInterjection = nil
        case .handBack:
            state.handBackPending = false
            // The hand-back message asks the next question itself unless a section's poll or themes come first.
            if !state.asked, sectionWork(state) == nil, guide.question(at: state.position) != nil {
                startQuestion(&state)
            }
        case .close(let reason):
            state.endReason = state.endReason ?? reason
            state.phase = .reporting
        }
    }

    public func recordParticipant(_ persona: PersonaID, in state: inout ConversationState) {
        state.nextSeq += 1
        state.turns += 1
        state.stats.record(persona)
        state.decision = nil
        if state.pendingMention == persona { state.pendingMention = nil }
        if state.control == .human { state.repliesDue = max(0, state.repliesDue - 1) }
    }

    /// The researcher's message was stored: an interjection (AI moderating) or a question of theirs
    /// (after taking over); `mention` answers next.
    public func recordHuman(mention: PersonaID?, in state: inout ConversationState) {
        let seq = state.nextSeq
        state.nextSeq += 1
        state.decision = nil
        if let mention, participants.contains(mention) { state.pendingMention = mention }
        switch state.control {
        case .ai: state.pendingInterjection = state.pendingMention == nil ? seq : nil
        case .human:
            state.repliesDue = state.pendingMention == nil ? min(Self.repliesPerHumanMessage, participants.count) : 0
        }
    }

    public func recordPoll(section: Int, in state: inout ConversationState) {
        if !state.pollsRun.contains(section) { state.pollsRun.append(section) }
    }

    public func recordThemes(section: Int, in state: inout ConversationState) {
        state.sectionsThemed = max(state.sectionsThemed, section + 1)
    }

    public func recordReport(in state: inout ConversationState) {
        state.endReason = state.endReason ?? .completed
        state.phase = .done
    }

    /// The researcher takes the moderator's seat: the AI stops asking until `handBack`.
    public func takeOver(_ state: inout ConversationState) {
        guard state.phase == .discussing || state.phase == .opening else { return }
        state.control = .human
        state.decision = nil
        state.repliesDue = 0
        state.pendingInterjection = nil
    }

    public func handBack(_ state: inout ConversationState) {
        guard state.control == .human else { return }
        state.control = .ai
        state.repliesDue = 0
        state.decision = nil
        // The question in hand had its share already: the moderator goes on with the next one.
        if state.phase == .discussing, participantTurnsOnQuestion(state) >= minimumTurnsPerQuestion { advance(&state) }
        state.handBackPending = state.phase == .discussing
    }

    /// The run hit its USD cap: nothing more is spent; the report is written from what exists.
    public func stopAtCap(_ state: inout ConversationState) {
        state.endReason = .usdCap
        state.phase = .done
    }

    private func startQuestion(_ state: inout ConversationState) {
        state.asked = true
        state.probesUsed = 0
        state.stats.startQuestion()
    }

    private func advance(_ state: inout ConversationState) {
        let next =
            guide.items.first { $0 > state.position } ?? GuidePosition(section: guide.sections.count, question: 0)
        state.position = next
        state.asked = false
        state.decision = nil
    }
}
