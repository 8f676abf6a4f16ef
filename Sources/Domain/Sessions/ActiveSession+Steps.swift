/// The steps that call the model: moderator and participant turns, decisions, context folds, polls,
/// themes and the report.
extension ActiveSession {
    /// What each kind of call is for (the seed offset keeps their seeds apart within one step).
    enum Purpose: Int {
        case moderator = 1
        case participant, decision, fold, themes, poll, report
    }

    /// One call through the gateway, charged to the run. A call that writes the next message names its
    /// `speaker`: its text is published live as that message's draft while it streams.
    mutating func complete(
        _ template: String, _ feature: LLMFeature, _ variables: [String: String], purpose: Purpose, extra: Int = 0,
        tier: LLMTier? = nil, drafting speaker: (speaker: Speaker, name: String)? = nil
    ) throws -> LLMResponse {
        let seed = session.seedBase &+ state.nextSeq &* 1_000 &+ purpose.rawValue &* 100 &+ extra
        let request = try run.prompts.template(named: template).request(
            for: feature, variables: variables,
            attribution: UsageAttribution(userID: session.ownerID, objectReference: "session:\(session.id.rawValue)"),
            temperature: 0.8, seed: seed, tier: tier)
        let onDelta = speaker.map { live.drafting(seq: state.nextSeq, speaker: $0.speaker, name: $0.name) }
        let response = try run.llm.complete(request, cancellation: context.cancellation, onDelta: onDelta)
        state.charge(response.usage, cost: response.cost)
        return response
    }

    /// Folds older turns into the rolling summary when the window asks for it.
    mutating func foldContextIfNeeded() throws {
        let lines = run.window.linesToFold(transcript, summarizedThrough: state.summarizedThrough)
        guard let last = lines.last else { return }
        let answer = try complete(
            SessionPrompts.Template.summary, .summary, prompts.fold(lines, state: state), purpose: .fold)
        state.summary = run.window.boundedSummary(answer.content.trimmingWhitespace())
        state.summarizedThrough = last.seq
        try save()
    }

    mutating func moderate(_ move: ModeratorMove) throws {
        try foldContextIfNeeded()
        let variables = prompts.moderator(move, state: state, transcript: transcript)
        let answer = try complete(
            SessionPrompts.Template.moderator, .moderator, variables, purpose: .moderator,
            tier: session.snapshot.settings.moderatorTier, drafting: (.moderator, SessionPrompts.moderatorName))
        var text = QualityGate.withoutOwnName(answer.content.trimmingWhitespace(), SessionPrompts.moderatorName)
        if try instructionLeak(SessionPrompts.Template.moderator, variables).leaks(in: text) {
            run.onEvent(.instructionsWithheld(seq: state.nextSeq, speaker: SessionPrompts.moderatorName))
            text = ""
        }
        let engine = self.engine
        try append(
            .moderator, name: SessionPrompts.moderatorName, text: text.isEmpty ? fallback(move) : text,
            usage: answer.usage, cost: answer.cost
        ) { engine.recordModerator(move, in: &$0) }
    }

    /// The guide's own words when the model said nothing usable.
    private func fallback(_ move: ModeratorMove) -> String {
        let guide = session.snapshot.guide
        switch move {
        case .open: return guide.introduction + " " + prompts.question(GuidePosition(section: 0, question: 0))
        case .ask(let position), .handBack(let position): return prompts.question(position)
        case .probe(let position, let probe):
            return guide.question(at: position)?.probes[safe: probe] ?? prompts.question(position)
        case .acknowledge: return "Thank you. What do the rest of you think?"
        case .close: return guide.closing
        }
    }

    /// The decision step. Its answer is control output: one that is not exactly the schema's shape, or that
    /// names anyone but the participants, is not acted on (`SessionDecision`); neither is a failed call
    /// (the model kept answering outside the schema): the turn policy decides alone then, and the run says so.
    mutating func decide() throws {
        try foldContextIfNeeded()
        let reading: SessionDecision.Reading
        do {
            let answer = try complete(
                SessionPrompts.Template.decision, .conversationDecision,
                prompts.decision(state: state, transcript: transcript), purpose: .decision)
            reading = SessionDecision.read(answer.json, participants: engine.participants)
        } catch let error as DomainError where error.code == .unavailable {
            reading = SessionDecision.Reading(
                decision: .fallback, problems: ["no usable answer: \(error.detail ?? error.message)"])
        }
        if !reading.isValid { run.onEvent(.decisionRejected(seq: state.nextSeq, problems: reading.problems)) }
        engine.record(reading.decision, in: &state)
        try save()
    }

    /// The leak check for a call of `template` with `variables`: their system message's sentences.
    private func instructionLeak(_ template: String, _ variables: [String: String]) throws -> InstructionLeak {
        let messages = try run.prompts.template(named: template).render(variables)
        return InstructionLeak(system: messages.first { $0.role == .system }?.content ?? "")
    }

    /// A participant's turn through the quality gate: at most `maximumRegenerations` more drafts, each told
    /// why the last was rejected; every draft's tokens count.
    mutating func speak(_ persona: PersonaID) throws {
        guard let me = session.snapshot.participant(persona) else { return }
        try foldContextIfNeeded()
        let cue = cue(for: persona)
        var feedback = ""
        var regenerations: [String] = []
        var usage = TokenUsage.zero
        var cost = MicroUSD.zero
        var kept = ""
        let others =
            session.snapshot.participants.filter { $0.id != persona }.map(\.name) + [
                SessionPrompts.moderatorName, SessionPrompts.researcherName,
            ]
        for attempt in 0...QualityGate.maximumRegenerations {
            let variables = prompts.participant(
                persona, cue: cue, feedback: feedback, state: state, transcript: transcript)
            let answer = try complete(
                SessionPrompts.Template.participant, .personaResponse, variables, purpose: .participant,
                extra: attempt, tier: session.snapshot.settings.personaTier, drafting: (.participant(persona), me.name))
            usage = TokenUsage(
                promptTokens: usage.promptTokens + answer.usage.promptTokens,
                completionTokens: usage.completionTokens + answer.usage.completionTokens)
            cost = cost + answer.cost
            let leak = try instructionLeak(SessionPrompts.Template.participant, variables)
            let leaked = leak.leaks(in: answer.content)
            if leaked { run.onEvent(.instructionsWithheld(seq: state.nextSeq, speaker: me.name)) }
            let verdict: QualityGate.Verdict =
                leaked
                ? .regenerate(.brokeCharacter("repeated its instructions"))
                : QualityGate().check(answer.content, speakerName: me.name, otherNames: others, earlier: transcript)
            switch verdict {
            case .accept(let text):
                kept = text
            case .regenerate(let reason):
                // A draft that quoted its instructions is withheld whole: its other sentences obeyed the same text.
                kept =
                    leaked
                    ? InstructionLeak.withheld
                    : QualityGate.withoutOwnName(answer.content.trimmingWhitespace(), me.name)
                guard attempt < QualityGate.maximumRegenerations else {
                    run.onEvent(.keptDespiteGate(seq: state.nextSeq, speaker: me.name, reason: reason.description))
                    break
                }
                regenerations.append(reason.description)
                run.onEvent(
                    .regenerated(seq: state.nextSeq, speaker: me.name, reason: reason.description, attempt: attempt + 1)
                )
                feedback = Self.feedback(for: reason)
                continue
            }
            break
        }
        let engine = self.engine
        try append(
            .participant(persona), name: me.name, text: kept, usage: usage, cost: cost, regenerations: regenerations
        ) { engine.recordParticipant(persona, in: &$0) }
    }

    private func cue(for persona: PersonaID) -> String {
        if state.pendingMention == persona { return "The researcher asked you directly: answer them." }
        if state.control == .human { return "The researcher is moderating now: reply to their last message." }
        if state.decision?.addressed == persona { return "The moderator is turning to you." }
        return ""
    }

    static func feedback(for reason: QualityGate.Reason) -> String {
        switch reason {
        case .empty: "Your previous reply was empty. Say what you think."
        case .nearRepeat(let seq, _): "Your previous reply repeated message \(seq). Say something new."
        case .brokeCharacter: "Your previous reply stepped out of character. Speak only as yourself."
        case .spokeForOthers(let name): "Your previous reply spoke for \(name). Speak only for yourself."
        }
    }

    /// Every participant answers privately, `samples` times each (different seeds).
    mutating func poll(section: Int) throws {
        guard let poll = session.snapshot.guide.sections[section].poll else {
            engine.recordPoll(section: section, in: &state)
            return try save()
        }
        live.polling(section: section, poll: poll)
        var answers: [PersonaID: [[Int]]] = [:]
        for (index, participant) in session.snapshot.participants.enumerated() {
            for sample in 0..<poll.samples {
                let answer: LLMResponse?
                do {
                    answer = try complete(
                        SessionPrompts.Template.poll, .personaResponse,
                        prompts.poll(poll, persona: participant.id, state: state), purpose: .poll,
                        extra: index * 10 + sample, tier: session.snapshot.settings.personaTier)
                } catch let error as DomainError where error.code == .unavailable {
                    answer = nil  // the model kept answering outside the schema: this sample is left out
                }
                guard let choice = SessionPolls.answer(answer?.json, poll: poll) else {
                    run.onEvent(.pollAnswerUnreadable(persona: participant.id, poll: poll.id))
                    continue
                }
                answers[participant.id, default: []].append(choice)
            }
        }
        session.polls.removeAll { $0.section == section }
        session.polls.append(SessionPollResult(section: section, poll: poll, answers: answers))
        engine.recordPoll(section: section, in: &state)
        try save()
    }

    /// Refines the themes with what was said so far; keeps the previous ones if the answer had none backed by quotes.
    mutating func updateThemes(after section: Int) throws {
        let answer = try complete(
            SessionPrompts.Template.themes, .keyThemes,
            prompts.themes(previous: session.themes, transcript: transcript), purpose: .themes, extra: section)
        let themes = SessionThemes.read(answer.json, transcript: transcript)
        if !themes.isEmpty { session.themes = themes }
        engine.recordThemes(section: section, in: &state)
        try save()
    }

    mutating func writeReport() throws {
        let variables = prompts.report(
            themes: session.themes, polls: session.polls, state: state, transcript: transcript)
        let answer = try complete(SessionPrompts.Template.report, .summary, variables, purpose: .report)
        let themes = SessionThemes.read(answer.json, transcript: transcript)
        if !themes.isEmpty { session.themes = themes }
        var summary = answer.json?["summary"]?.stringValue?.trimmingWhitespace() ?? ""
        if try instructionLeak(SessionPrompts.Template.report, variables).leaks(in: summary) {
            run.onEvent(.instructionsWithheld(seq: state.nextSeq, speaker: "report"))
            summary = ""
        }
        session.report = SessionReport(
            summary: summary.isEmpty ? partialReport().summary : summary, themes: session.themes,
            partial: state.endReason != .completed)
        engine.recordReport(in: &state)
        try save()
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
