public import Domain
public import Foundation

/// The public JSON of a session (docs/openapi.yaml `Session`): status (with `taken_over` when the
/// researcher moderates), the participants with their speaking stats, guide progress, cost against the
/// cap, themes with quotes, poll results with confidence intervals, and the report.
public struct FocusGroupSessionRepresentation: Encodable, Sendable {
    public struct Participant: Encodable, Sendable {
        let id: String
        let name: String
        let attitude: String
        let avatar: AvatarRepresentation
        let turns: Int
        let turnsOnQuestion: Int

        enum CodingKeys: String, CodingKey {
            case id, name, attitude, avatar, turns
            case turnsOnQuestion = "turns_on_question"
        }
    }

    public struct Progress: Encodable, Sendable {
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

    public struct Cost: Encodable, Sendable {
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
    public let status: String
    public let control: String
    public let taskID: String?
    let fork: JSONValue
    let replayOf: String?
    public let participants: [Participant]
    /// The stimuli as frozen at start (a fork may rewrite a concept's text).
    let stimuli: [StimulusRepresentation]
    let guide: JSONValue
    public let progress: Progress
    public let cost: Cost
    public let themes: JSONValue
    public let polls: JSONValue
    public let report: JSONValue
    public let endReason: String?
    public let failure: String?
    let createdAt: Date
    public let updatedAt: Date
    let finishedAt: Date?

    /// The stored status, or `taken_over` while the researcher moderates a running session.
    public static func status(of session: FocusGroupSession) -> String {
        session.status == .running && session.state.control == .human ? "taken_over" : session.status.rawValue
    }

    public init(_ session: FocusGroupSession) {
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
                avatar: AvatarRepresentation(seed: avatar.seed, initials: avatar.initials, hue: avatar.hue),
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
    public func encode(to encoder: any Encoder) throws {
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
