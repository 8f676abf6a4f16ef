/// The variables of the run's templates (prompts/session/*.md; the contract is in their headers), built
/// from the session's snapshot, state and transcript. Pure.
public struct SessionPrompts: Sendable {
    public enum Template {
        public static let moderator = "session/moderator"
        public static let participant = "session/participant"
        public static let decision = "session/decision"
        public static let summary = "session/summary"
        public static let themes = "session/themes"
        public static let poll = "session/poll"
        public static let report = "session/report"
        public static let all = [moderator, participant, decision, summary, themes, poll, report]
    }

    public static let researcherName = "Researcher"
    public static let moderatorName = "Moderator"

    public let snapshot: SessionSnapshot
    public let window: ContextWindow

    public init(snapshot: SessionSnapshot, window: ContextWindow = .standard) {
        self.snapshot = snapshot
        self.window = window
    }

    // MARK: - Shared pieces

    var group: String { "Objective: \(snapshot.objective)\nAudience: \(snapshot.audience)" }

    var stimuli: String {
        snapshot.stimuli.compactMap { stimulus in
            let kind = if case .image = stimulus.content { "image" } else { "concept" }
            return stimulus.promptText.map { "Stimulus «\(stimulus.title)» (\(kind)): \($0)" }
        }.joined(separator: "\n\n")
    }

    func transcript(_ lines: [TranscriptLine], _ state: ConversationState) -> String {
        window.visibleLines(lines, summarizedThrough: state.summarizedThrough).joined(separator: "\n")
    }

    /// "Maya Chen — 34, nurse, skeptic"
    static func introduction(_ participant: SessionSnapshot.Participant) -> String {
        let profile = participant.profile
        return "\(profile.name) — \(profile.age), \(profile.occupation), \(profile.attitude.rawValue)"
    }

    func question(_ position: GuidePosition) -> String {
        snapshot.guide.question(at: position)?.text ?? ""
    }

    // MARK: - Moderator

    public func moderator(_ move: ModeratorMove, state: ConversationState, transcript lines: [TranscriptLine])
        -> [String: String]
    {
        let (task, item) = moderatorTask(move, state: state, lines: lines)
        return [
            "language": snapshot.language, "task": task, "item": item, "group": group, "stimuli": stimuli,
            "participants": snapshot.participants.map(Self.introduction).joined(separator: "\n"),
            "guide": outline(current: state.position), "summary": state.summary,
            "transcript": transcript(lines, state),
        ]
    }

    private func moderatorTask(_ move: ModeratorMove, state: ConversationState, lines: [TranscriptLine])
        -> (String, String)
    {
        let guide = snapshot.guide
        switch move {
        case .open:
            return (
                "open",
                "Introduction: \(guide.introduction)\nFirst question: \(question(GuidePosition(section: 0, question: 0)))"
            )
        case .ask(let position):
            let section = guide.sections[position.section]
            let heading = position.question == 0 && position.section > 0 ? "New section " : "Section "
            return ("ask", "\(heading)«\(section.title)» (goal: \(section.goal))\nQuestion: \(question(position))")
        case .probe(let position, let probe):
            let probes = guide.question(at: position)?.probes ?? []
            return (
                "probe",
                "Question: \(question(position))\nProbe: \(probes.indices.contains(probe) ? probes[probe] : "")"
            )
        case .acknowledge(let seq):
            let said = lines.last { $0.seq == seq }?.text ?? ""
            return ("acknowledge", "Researcher said: \(said)\nCurrent question: \(question(state.position))")
        case .handBack(let position):
            let from = lines.last { $0.speaker == .human }?.seq ?? state.nextSeq
            let next = guide.question(at: position).map { "Continue with: \($0.text)" } ?? "Continue with: the closing."
            return ("hand_back", "The researcher moderated up to message \(from).\n\(next)")
        case .close(let reason):
            return ("close", "Closing: \(guide.closing)\nReason: \(reason.rawValue)")
        }
    }

    /// One question per line: "✓ " done, "→ " current.
    func outline(current: GuidePosition) -> String {
        snapshot.guide.items.map { position in
            let mark = position < current ? "✓ " : position == current ? "→ " : "  "
            return mark + question(position)
        }.joined(separator: "\n")
    }

    // MARK: - Participant

    public func participant(
        _ persona: PersonaID, cue: String, feedback: String, state: ConversationState,
        transcript lines: [TranscriptLine]
    ) -> [String: String] {
        let me = snapshot.participant(persona)
        return [
            "language": snapshot.language, "cue": cue, "feedback": feedback,
            "persona": me.map { PersonaModification.promptPersona($0.profile).serialized } ?? "{}",
            "others": snapshot.participants.filter { $0.id != persona }.map(Self.introduction)
                .joined(separator: "\n"),
            "group": group, "stimuli": stimuli, "question": question(state.position), "summary": state.summary,
            "transcript": transcript(lines, state),
        ]
    }

    // MARK: - Decision

    public func decision(state: ConversationState, transcript lines: [TranscriptLine]) -> [String: String] {
        let rows = snapshot.participants.map { participant in
            let onQuestion = state.stats.turnsOnQuestion[participant.id] ?? 0
            let last =
                state.stats.lastSpokeAt[participant.id] == nil
                ? "never spoke" : "last spoke \(state.stats.silence(of: participant.id)) turns ago"
            return
                "\(participant.id.rawValue) | \(participant.name) | \(participant.profile.attitude.rawValue) | \(onQuestion) turns on this question | \(last)"
        }
        return [
            "mode": snapshot.settings.turnTaking.rawValue, "question": question(state.position),
            "participants": rows.joined(separator: "\n"), "transcript": transcript(lines, state),
        ]
    }

    // MARK: - Summary, themes, polls, report

    public func fold(_ folded: [TranscriptLine], state: ConversationState) -> [String: String] {
        [
            "language": snapshot.language, "summary": state.summary,
            "lines": folded.map { $0.rendered(limit: window.maximumLineCharacters) }.joined(separator: "\n"),
        ]
    }

    /// Themes read the participants' lines of the whole session (cut to fit), so quotes can come from anywhere.
    public func themes(previous: [SessionTheme], transcript lines: [TranscriptLine]) -> [String: String] {
        [
            "language": snapshot.language, "group": group, "themes": SessionThemes.json(previous).serialized,
            "transcript": evidence(lines),
        ]
    }

    public func poll(_ poll: GuidePoll, persona: PersonaID, state: ConversationState) -> [String: String] {
        let options = poll.options.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "\n")
        return [
            "language": snapshot.language, "kind": poll.kind.rawValue,
            "persona": snapshot.participant(persona).map { PersonaModification.promptPersona($0.profile).serialized }
                ?? "{}",
            "poll": "Question: \(poll.question)\n\(options)", "summary": state.summary,
        ]
    }

    public func report(
        themes: [SessionTheme], polls: [SessionPollResult], state: ConversationState, transcript lines: [TranscriptLine]
    ) -> [String: String] {
        [
            "language": snapshot.language, "group": group, "summary": state.summary,
            "themes": SessionThemes.json(themes).serialized, "polls": SessionPolls.summaryText(polls),
            "transcript": evidence(lines),
        ]
    }

    /// The participants' lines, newest kept when they do not all fit in the themes budget.
    func evidence(_ lines: [TranscriptLine]) -> String {
        var kept: [String] = []
        var characters = 0
        for line in lines.reversed() where line.speaker.participantID != nil {
            let rendered = line.rendered(limit: 600)
            guard characters + rendered.count <= Self.evidenceCharacters else { break }
            kept.append(rendered)
            characters += rendered.count + 1
        }
        return kept.reversed().joined(separator: "\n")
    }

    static let evidenceCharacters = 24_000
}
