/// A user changes some fields of one of their focus groups. Each given field is validated as on create;
/// a new guide is validated whole and gets the next version; the images of stimuli dropped from the list
/// are deleted.
public struct FocusGroupEditing: Sendable {
    private let lookup: FocusGroupLookup
    private let groups: any FocusGroupStore
    private let personas: any PersonaStore
    private let images: any StimulusImageStore
    private let clock: any Clock
    private let newStimulusID: @Sendable () -> StimulusID

    public init(
        groups: any FocusGroupStore, personas: any PersonaStore, images: any StimulusImageStore, clock: any Clock,
        newStimulusID: @escaping @Sendable () -> StimulusID = StimulusID.random
    ) {
        lookup = FocusGroupLookup(groups: groups, personas: personas)
        self.groups = groups
        self.personas = personas
        self.images = images
        self.clock = clock
        self.newStimulusID = newStimulusID
    }

    /// Nothing is stored unless every given field is valid.
    public func callAsFunction(_ id: FocusGroupID, by owner: UserID, patch: FocusGroupPatch) throws
        -> FocusGroupDetail
    {
        let current = try lookup.group(id, by: owner)
        var group = current
        if let name = patch.name { group.name = try FocusGroupValidation.name(name) }
        if let objective = patch.objective { group.objective = try FocusGroupValidation.objective(objective) }
        if let audience = patch.audience { group.audience = try FocusGroupValidation.audience(audience) }
        if let language = patch.language { group.language = try FocusGroupValidation.language(language) }
        if let ids = patch.participantIDs {
            group.participantIDs = try FocusGroupValidation.participants(ids, owner: owner, personas: personas)
        }
        if let drafts = patch.stimuli {
            group.stimuli = try FocusGroupValidation.stimuli(drafts, existing: current.stimuli, newID: newStimulusID)
        }
        if let settings = patch.settings { group.settings = try settings.applied(to: group.settings).validated() }
        if let guide = patch.guide {
            group.guide =
                guide == .null ? nil : try DiscussionGuide(json: guide, version: (current.guide?.version ?? 0) + 1)
        }
        group.updatedAt = clock.now
        guard let updated = try groups.update(group) else { throw FocusGroupLookup.notFound }
        let kept = Set(updated.stimuli.map(\.id))
        for stimulus in current.stimuli where stimulus.isImage && !kept.contains(stimulus.id) {
            try images.delete(stimulus.id, in: id, owner: owner)
        }
        return try lookup.details(of: [updated])[0]
    }
}

extension Stimulus {
    var isImage: Bool {
        if case .image = content { true } else { false }
    }
}
