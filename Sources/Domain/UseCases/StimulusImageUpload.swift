import Foundation

/// A user adds an image stimulus: the bytes are stored, the stimulus is appended with its description
/// pending, and an `image_description` task is queued to describe it (personas read text, not pictures).
/// If the task cannot be queued (too many tasks), the stimulus and its bytes are removed again.
public struct StimulusImageUpload: Sendable {
    private let lookup: FocusGroupLookup
    private let groups: any FocusGroupStore
    private let images: any StimulusImageStore
    private let launch: TaskLauncher
    private let clock: any Clock
    private let newStimulusID: @Sendable () -> StimulusID

    public init(
        groups: any FocusGroupStore, personas: any PersonaStore, images: any StimulusImageStore, launch: TaskLauncher,
        clock: any Clock, newStimulusID: @escaping @Sendable () -> StimulusID = StimulusID.random
    ) {
        lookup = FocusGroupLookup(groups: groups, personas: personas)
        self.groups = groups
        self.images = images
        self.launch = launch
        self.clock = clock
        self.newStimulusID = newStimulusID
    }

    public func callAsFunction(
        _ id: FocusGroupID, by owner: UserID, title: String?, image: StimulusImageData
    ) throws -> (stimulus: Stimulus, task: TaskRecord) {
        let title = try FocusGroupValidation.imageTitle(title)
        var group = try lookup.group(id, by: owner)
        guard group.stimuli.count < FocusGroupValidation.maximumStimuli else {
            throw DomainError.invalid(
                "stimuli", "A focus group has at most \(FocusGroupValidation.maximumStimuli) stimuli.")
        }
        var stimulusID = newStimulusID()
        while group.stimuli.contains(where: { $0.id == stimulusID }) { stimulusID = newStimulusID() }
        let stimulus = Stimulus(
            id: stimulusID, title: title,
            content: .image(
                StimulusImage(
                    mediaType: image.mediaType, byteCount: image.bytes.count, description: nil,
                    descriptionStatus: .pending)))
        let now = clock.now
        try images.save(image, of: stimulusID, in: id, owner: owner, at: now)
        group.stimuli.append(stimulus)
        group.updatedAt = now
        do {
            guard try groups.update(group) != nil else { throw FocusGroupLookup.notFound }
            let task = try launch(
                ImageDescription.kind, for: owner, input: ImageDescription.input(group: id, stimulus: stimulusID),
                progress: TaskProgress(done: 0, total: 1, message: "Waiting for a runner"))
            return (stimulus, task)
        } catch {
            try? undo(stimulusID, in: id, owner: owner)
            throw error
        }
    }

    /// Takes the stimulus out again and deletes its bytes.
    private func undo(_ stimulus: StimulusID, in id: FocusGroupID, owner: UserID) throws {
        if var group = try groups.focusGroup(id: id, owner: owner), group.stimuli.contains(where: { $0.id == stimulus })
        {
            group.stimuli.removeAll { $0.id == stimulus }
            group.updatedAt = clock.now
            _ = try groups.update(group)
        }
        try images.delete(stimulus, in: id, owner: owner)
    }
}
