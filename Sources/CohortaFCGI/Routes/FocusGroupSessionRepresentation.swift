import Domain
import Foundation

/// The public JSON of a session (docs/openapi.yaml `Session`): status (with `taken_over` when the
/// researcher moderates), the participants with their speaking stats, guide progress, cost against the
/// cap, themes with quotes, poll results with confidence intervals, and the report.
struct FocusGroupSessionRepresentation: Encodable {
    struct Participant: Encodable {
        let id: String
        let name: String
        let attitude: String
        let avatar: PersonaRepresentation.Avatar
        let turns: Int
        let turnsOnQuestion: Int

        enum CodingKeys: String, CodingKey {
            case id, name, attitude, avatar, turns
            case turnsOnQuestion = "turns_on_question"
        }
    }

    struct Progress: Encodable {
        let phase: String
        let section: Int
        let question: Int
        let turns: Int
        let maxTurns: Int
        let nextSeq: Int

        enum CodingKeys: String, CodingKey {
            case phase, section, question, turns
            case maxTurns = "max_turns"
            case nextSeq = "next_seq"
        }
    }

    struct Cost: Encodable {
        let spentMicroUSD: Int64
        let spentUSD: String
        let capUSD: String
        let promptTokens: Int
        let completionTokens: Int
        let creditsCharged: Int64

        enum CodingKeys: String, CodingKey {
            case spentMicroUSD = "spent_micro_usd"
            case spentUSD = "spent_usd"
            case capUSD = "cap_usd"
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case creditsCharged = "credits_charged"
        }
    }

    let id: String
    let focusGroupID: String
    let name: String
    let status: String
    let control: String
    let taskID: String?
    let fork: JSONValue
    let replayOf: String?
    let participants: [Participant]
    /// The stimuli as frozen at start (a fork may rewrite a concept's text).
    let stimuli: [StimulusRepresentation]
    let guide: JSONValue
    let progress: Progress
    let cost: Cost
    let themes: JSONValue
    let polls: JSONValue
    let report: JSONValue
    let endReason: String?
    let failure: String?
    let createdAt: Date
    let updatedAt: Date
    let finishedAt: Date?

    /// The stored status, or `taken_over` while the researcher moderates a running session.
    static func status(of session: FocusGroupSession) -> String {
        session.status == .running && session.state.control == .human ? "taken_over" : session.status.rawValue
    }

    init(_ session: FocusGroupSession) {
        let state = session.state
        id = session.id.rawValue
        focusGroupID = session.snapshot.focusGroupID.rawValue
        name = session.snapshot.name
        status = Self.status(of: session)
        control = state.control.rawValue
        taskID = session.taskID?.rawValue
        fork =
            session.fork.map { .object([("parent", .string($0.parent.rawValue)), ("seq", .number(Double($0.seq)))]) }
            ?? .null
        replayOf = session.replayOf?.rawValue
        participants = session.snapshot.participants.map { participant in
            let avatar = PersonaAvatar(id: participant.id, name: participant.name)
            return Participant(
                id: participant.id.rawValue, name: participant.name, attitude: participant.profile.attitude.rawValue,
                avatar: PersonaRepresentation.Avatar(seed: avatar.seed, initials: avatar.initials, hue: avatar.hue),
                turns: state.stats.turns[participant.id] ?? 0,
                turnsOnQuestion: state.stats.turnsOnQuestion[participant.id] ?? 0)
        }
        stimuli = session.snapshot.stimuli.map { StimulusRepresentation($0, in: session.snapshot.focusGroupID) }
        guide = session.snapshot.guide.json
        progress = Progress(
            phase: state.phase.rawValue, section: state.position.section, question: state.position.question,
            turns: state.turns, maxTurns: session.snapshot.settings.maxTurns, nextSeq: state.nextSeq)
        cost = Cost(
            spentMicroUSD: state.spent.value, spentUSD: state.spent.dollars,
            capUSD: session.snapshot.settings.usdCap.dollars, promptTokens: state.promptTokens,
            completionTokens: state.completionTokens, creditsCharged: session.creditsCharged.value)
        themes = SessionThemes.json(session.themes)
        polls = .array(session.polls.map(SessionPollRepresentation.json))
        report =
            session.report.map { report in
                .object([
                    ("summary", .string(report.summary)), ("themes", SessionThemes.json(report.themes)),
                    ("partial", .bool(report.partial)),
                ])
            } ?? .null
        endReason = state.endReason?.rawValue
        failure = session.failure
        createdAt = session.createdAt
        updatedAt = session.updatedAt
        finishedAt = session.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, status, control, fork, participants, stimuli, guide, progress, cost, themes, polls, report
        case failure
        case focusGroupID = "focus_group_id"
        case taskID = "task_id"
        case replayOf = "replay_of"
        case endReason = "end_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case finishedAt = "finished_at"
    }

    /// Every key always present: an absent value is `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(focusGroupID, forKey: .focusGroupID)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(control, forKey: .control)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(fork, forKey: .fork)
        try container.encode(replayOf, forKey: .replayOf)
        try container.encode(participants, forKey: .participants)
        try container.encode(stimuli, forKey: .stimuli)
        try container.encode(guide, forKey: .guide)
        try container.encode(progress, forKey: .progress)
        try container.encode(cost, forKey: .cost)
        try container.encode(themes, forKey: .themes)
        try container.encode(polls, forKey: .polls)
        try container.encode(report, forKey: .report)
        try container.encode(endReason, forKey: .endReason)
        try container.encode(failure, forKey: .failure)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
    }
}

/// A poll result: the question, `n` answers, and the statistics for its kind.
enum SessionPollRepresentation {
    static func json(_ result: SessionPollResult) -> JSONValue {
        let poll = result.poll
        let answers = result.answers.values.flatMap { $0 }
        var members: [(String, JSONValue)] = [
            ("section", .number(Double(result.section))), ("id", .string(poll.id)),
            ("kind", .string(poll.kind.rawValue)),
            ("question", .string(poll.question)), ("options", .array(poll.options.map(JSONValue.string))),
            ("samples", .number(Double(poll.samples))), ("n", .number(Double(answers.count))),
        ]
        switch poll.kind {
        case .likert:
            let stats = PollStatistics.likert(options: poll.options, answers: answers.compactMap(\.first))
            members += [
                ("mean", .number(stats.mean)), ("interval", interval(stats.interval)),
                ("shares", .array(stats.shares.map(share))),
            ]
        case .choice:
            members.append(
                (
                    "shares",
                    .array(
                        PollStatistics.choice(options: poll.options, answers: answers.compactMap(\.first)).map(share))
                ))
        case .ranking:
            members.append(
                (
                    "ranking",
                    .array(
                        PollStatistics.ranking(options: poll.options, rankings: answers).map { item in
                            .object([
                                ("option", .string(item.option)), ("mean_rank", .number(item.meanRank)),
                                ("interval", interval(item.interval)),
                                ("borda_points", .number(Double(item.bordaPoints))),
                            ])
                        })
                ))
        }
        return .object(members)
    }

    private static func share(_ share: PollStatistics.Share) -> JSONValue {
        .object([
            ("option", .string(share.option)), ("count", .number(Double(share.count))),
            ("proportion", .number(share.proportion)), ("interval", interval(share.interval)),
        ])
    }

    private static func interval(_ interval: PollStatistics.Interval) -> JSONValue {
        .array([.number(interval.low), .number(interval.high)])
    }
}

/// One transcript message: `speaker` is "moderator", "human" or "persona:<id>".
struct SessionMessageRepresentation: Encodable {
    let seq: Int
    let speaker: String
    let personaID: String?
    let speakerName: String
    let text: String
    let position: JSONValue
    let promptTokens: Int
    let completionTokens: Int
    let costUSD: String
    let regenerations: [String]
    let createdAt: Date

    init(_ message: SessionMessage) {
        seq = message.seq
        speaker = message.speaker.storedValue
        personaID = message.speaker.participantID?.rawValue
        speakerName = message.speakerName
        text = message.text
        position =
            message.position.map {
                .object([("section", .number(Double($0.section))), ("question", .number(Double($0.question)))])
            } ?? .null
        promptTokens = message.usage.promptTokens
        completionTokens = message.usage.completionTokens
        costUSD = message.cost.dollars
        regenerations = message.regenerations
        createdAt = message.createdAt
    }

    enum CodingKeys: String, CodingKey {
        case seq, speaker, text, position, regenerations
        case personaID = "persona_id"
        case speakerName = "speaker_name"
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case costUSD = "cost_usd"
        case createdAt = "created_at"
    }

    /// Every key always present: an absent value is `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(speaker, forKey: .speaker)
        try container.encode(personaID, forKey: .personaID)
        try container.encode(speakerName, forKey: .speakerName)
        try container.encode(text, forKey: .text)
        try container.encode(position, forKey: .position)
        try container.encode(promptTokens, forKey: .promptTokens)
        try container.encode(completionTokens, forKey: .completionTokens)
        try container.encode(costUSD, forKey: .costUSD)
        try container.encode(regenerations, forKey: .regenerations)
        try container.encode(createdAt, forKey: .createdAt)
    }
}
