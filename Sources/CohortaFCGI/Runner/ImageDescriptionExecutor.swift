import Domain

/// Runs `image_description` tasks: one main-tier vision call of prompts/focus-group/image-description.md
/// with the stimulus image attached, then the description is written to the stimulus (`ready`). Any
/// failure, cancellation included, marks the stimulus `failed` so it never stays pending. One step, so no
/// checkpoint; a resumed run asks again (the gateway replays an identical request from `llm_calls`).
struct ImageDescriptionExecutor: TaskExecutor {
    static let failed = TaskFailure.Code("description_failed")
    static let stimulusGone = TaskFailure.Code("stimulus_not_found")

    let kind = ImageDescription.kind
    let groups: any FocusGroupStore
    let images: any StimulusImageStore
    let llm: any LLMClient
    let prompts: PromptLibrary
    let digest: any Digest
    let clock: any Domain.Clock

    func run(_ task: TaskRecord, context: any TaskContext) throws -> JSONValue {
        guard let target = ImageDescription.target(of: task.input) else {
            throw TaskFailure(Self.failed, "The task names no image stimulus.")
        }
        guard let group = try groups.focusGroup(id: target.group, owner: task.userID),
            let stimulus = group.stimuli.first(where: { $0.id == target.stimulus }),
            let image = try images.image(of: target.stimulus, in: target.group, owner: task.userID)
        else { throw TaskFailure(Self.stimulusGone, "The image stimulus no longer exists.") }
        try context.report(TaskProgress(done: 0, total: 1, message: "Describing the image"))
        let description: String
        do {
            description = try describe(image, of: stimulus, in: group, task: task, context: context)
        } catch {
            _ = try? settle(target, owner: task.userID, description: nil)
            if let domain = error as? DomainError, domain.code == .unavailable {
                throw TaskFailure(Self.failed, "The image could not be described right now; upload it again later.")
            }
            throw error
        }
        guard try settle(target, owner: task.userID, description: description) else {
            throw TaskFailure(Self.stimulusGone, "The image stimulus was removed while it was being described.")
        }
        try context.report(TaskProgress(done: 1, total: 1, message: "Image described"))
        return .object([("stimulus_id", .string(target.stimulus.rawValue)), ("description", .string(description))])
    }

    private func describe(
        _ image: StimulusImageData, of stimulus: Stimulus, in group: FocusGroup, task: TaskRecord,
        context: any TaskContext
    ) throws -> String {
        let request = try prompts.template(named: ImageDescription.templateName).request(
            for: .imageDescription, variables: ImageDescription.variables(for: stimulus, in: group),
            attribution: UsageAttribution(userID: task.userID, objectReference: "focus_group:\(group.id.rawValue)")
        ).showing(try ChatImage(mediaType: image.mediaType.rawValue, bytes: image.bytes, digest: digest))
        let answer = try llm.complete(request, cancellation: context.cancellation, onDelta: nil)
        try context.throwIfCancelled()
        guard let description = answer.json.flatMap(ImageDescription.description(from:)) else {
            throw TaskFailure(Self.failed, "The model gave no usable description; upload the image again.")
        }
        return description
    }

    /// Writes the outcome onto the stimulus as it is now (its title may have changed meanwhile); false
    /// when the group or the stimulus is gone.
    @discardableResult
    private func settle(
        _ target: (group: FocusGroupID, stimulus: StimulusID), owner: UserID, description: String?
    ) throws -> Bool {
        guard let group = try groups.focusGroup(id: target.group, owner: owner),
            let current = group.stimuli.first(where: { $0.id == target.stimulus })
        else { return false }
        return try groups.updateStimulus(
            ImageDescription.settled(current, description: description), of: target.group, owner: owner,
            at: clock.now)
    }
}
