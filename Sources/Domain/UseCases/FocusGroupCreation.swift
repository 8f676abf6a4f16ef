/// A user sets up a focus group: what to learn, with which of their personas, about which concepts, and
/// how the discussion runs (defaults for any setting not given). The guide comes later, written or generated.
public struct FocusGroupCreation: Sendable {
    private let groups: any FocusGroupStore
    private let personas: any PersonaStore
    private let clock: any Clock
    private let newStimulusID: @Sendable () -> StimulusID

    public init(
        groups: any FocusGroupStore, personas: any PersonaStore, clock: any Clock,
        newStimulusID: @escaping @Sendable () -> StimulusID = StimulusID.random
    ) {
        self.groups = groups
        self.personas = personas
        self.clock = clock
        self.newStimulusID = newStimulusID
    }

    /// Throws the first field error (`name`, `participant_ids`, `stimuli[1].text`, `settings.max_turns` …).
    public func callAsFunction(by owner: UserID, _ patch: FocusGroupPatch) throws -> FocusGroupDetail {
        func required<T>(_ value: T?, _ field: String) throws -> T {
            guard let value else { throw DomainError.invalid(field, "\(field) is required.") }
            return value
        }
        guard patch.guide == nil else {
            throw DomainError.invalid("guide", "A guide is added to an existing focus group (PATCH or generate).")
        }
        let name = try FocusGroupValidation.name(try required(patch.name, "name"))
        let objective = try FocusGroupValidation.objective(try required(patch.objective, "objective"))
        let audience = try FocusGroupValidation.audience(patch.audience ?? "")
        let language = try FocusGroupValidation.language(patch.language ?? FocusGroupValidation.defaultLanguage)
        let participants = try FocusGroupValidation.participants(
            try required(patch.participantIDs, "participant_ids"), owner: owner, personas: personas)
        let stimuli = try FocusGroupValidation.stimuli(patch.stimuli ?? [], existing: [], newID: newStimulusID)
        let settings = try (patch.settings?.applied(to: .standard) ?? .standard).validated()
        let now = clock.now
        let group = try groups.insert(
            FocusGroup(
                id: FocusGroupID(""), ownerID: owner, name: name, objective: objective, audience: audience,
                language: language, participantIDs: participants, stimuli: stimuli, settings: settings, guide: nil,
                createdAt: now, updatedAt: now))
        return try FocusGroupLookup(groups: groups, personas: personas).details(of: [group])[0]
    }
}
