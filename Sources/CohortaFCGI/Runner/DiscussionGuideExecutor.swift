import Domain

/// Runs `discussion_guide` (a whole guide) and `discussion_guide_section` (one section written again) tasks:
/// one main-tier call of prompts/focus-group/guide.md or guide-section.md built by `DiscussionGuideBrief`,
/// checked by `DiscussionGuideRevision` (one repair turn when a bound of `GuideLimits` is broken), then saved
/// with `setGuide` under the next version. The group is read again before the write, so a section lands in
/// the current guide and the version follows the latest one. The saved guide is checkpointed: a run resumed
/// after the write returns it instead of writing another version.
struct DiscussionGuideExecutor: TaskExecutor {
    static let invalid = TaskFailure.Code("guide_invalid")
    static let failed = TaskFailure.Code("guide_failed")
    static let groupGone = TaskFailure.Code("focus_group_not_found")
    static let sectionGone = TaskFailure.Code("guide_section_not_found")

    let kind: TaskKind
    let focusGroups: any FocusGroupStore
    let personas: any PersonaStore
    let llm: any LLMClient
    let prompts: PromptLibrary
    let clock: any Domain.Clock

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        if let saved = task.checkpoint["guide"] { return .object([("guide", saved)]) }
        let request = try DiscussionGuideRequest(json: task.input, kind: task.kind)
        let group = try focusGroup(request, owner: task.userID)
        let brief = DiscussionGuideBrief(
            group: group,
            participants: try group.participantIDs.compactMap {
                try personas.persona(id: $0, owner: task.userID)?.profile
            })
        let template: PromptTemplate
        let variables: [String: String]
        if let sectionID = request.sectionID {
            guard let sectionVariables = brief.sectionVariables(for: sectionID) else { throw Self.sectionMissing }
            template = try prompts.template(named: DiscussionGuideBrief.sectionTemplate)
            variables = sectionVariables
        } else {
            template = try prompts.template(named: DiscussionGuideBrief.guideTemplate)
            variables = brief.guideVariables
        }
        try context.throwIfCancelled()
        try context.report(TaskProgress(done: 0, total: 1, message: Self.workingMessage(request)))
        let llmRequest = try template.request(
            for: .discussionGuide, variables: variables,
            attribution: UsageAttribution(userID: task.userID, objectReference: "focus_group:\(group.id.rawValue)"))

        let guide = try revisedGuide(llmRequest, request: request, owner: task.userID, context: context)
        try context.throwIfCancelled()
        guard try focusGroups.setGuide(guide, of: group.id, owner: task.userID, at: clock.now) else {
            throw Self.groupMissing
        }
        try context.checkpoint(
            .object([("guide", guide.json)]),
            progress: TaskProgress(done: 1, total: 1, message: "Guide version \(guide.version) saved"))
        return .object([("guide", guide.json)])
    }

    /// The guide to save: the answer applied to the group as it is now, after one repair turn when the answer
    /// breaks a bound the schema cannot express (a text too long, a 4-point Likert scale …).
    private func revisedGuide(
        _ llmRequest: LLMRequest, request: DiscussionGuideRequest, owner: UserID, context: any TaskContext
    ) throws -> DiscussionGuide {
        var conversation = llmRequest
        for attempt in 0...1 {
            let answer = try complete(conversation, context: context)
            try context.throwIfCancelled()
            let current = try focusGroup(request, owner: owner).guide
            do {
                return try revise(answer.json, request: request, current: current)
            } catch let error as DomainError where error.code == .invalidInput {
                guard attempt == 0 else {
                    throw TaskFailure(
                        Self.invalid, "The model wrote a guide that breaks a limit: \(error.message) Try again.")
                }
                conversation = LLMRequest(
                    feature: llmRequest.feature, template: llmRequest.template,
                    messages: llmRequest.messages + [
                        ChatMessage(.assistant, answer.content),
                        LLMAnswerCheck.repairMessage(for: [error.message], expectingJSON: true),
                    ],
                    responseSchema: llmRequest.responseSchema, temperature: llmRequest.temperature,
                    seed: llmRequest.seed, maxTokens: llmRequest.maxTokens, attribution: llmRequest.attribution)
            }
        }
        throw TaskFailure.internal
    }

    private func revise(
        _ answer: JSONValue?, request: DiscussionGuideRequest, current: DiscussionGuide?
    ) throws -> DiscussionGuide {
        guard let answer else { throw TaskFailure(Self.invalid, "The model gave no usable guide; try again.") }
        guard let sectionID = request.sectionID else {
            return try DiscussionGuideRevision.guide(from: answer, replacing: current)
        }
        guard let current,
            let revised = try DiscussionGuideRevision.guide(current, replacingSection: sectionID, with: answer)
        else { throw Self.sectionMissing }
        return revised
    }

    private func complete(_ request: LLMRequest, context: any TaskContext) throws -> LLMResponse {
        do {
            return try llm.complete(request, cancellation: context.cancellation, onDelta: nil)
        } catch let error as DomainError where error.code == .unavailable {
            throw TaskFailure(Self.failed, error.message)
        }
    }

    private func focusGroup(_ request: DiscussionGuideRequest, owner: UserID) throws -> FocusGroup {
        guard let group = try focusGroups.focusGroup(id: request.focusGroupID, owner: owner) else {
            throw Self.groupMissing
        }
        return group
    }

    private static func workingMessage(_ request: DiscussionGuideRequest) -> String {
        request.sectionID.map { "Writing section \($0) again" } ?? "Writing the discussion guide"
    }

    static let groupMissing = TaskFailure(groupGone, "The focus group was deleted.")
    static let sectionMissing = TaskFailure(
        sectionGone, "The guide no longer has this section; it was edited or replaced meanwhile.")
}

extension DiscussionGuideExecutor {
    /// The executor of `kind` (`DiscussionGuideRequest.guideKind` or `.sectionKind`) over the runner's services.
    init(kind: TaskKind, services: RunnerServices) {
        self.init(
            kind: kind, focusGroups: services.ports.focusGroups, personas: services.ports.personas, llm: services.llm,
            prompts: services.prompts, clock: services.ports.clock)
    }
}
