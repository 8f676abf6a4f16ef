/// Removes one stimulus from the user's focus group, and its image if it has one.
public struct StimulusDeletion: Sendable {
    static let notFound = DomainError(.notFound, "No such stimulus.")

    private let groups: any FocusGroupStore
    private let images: any StimulusImageStore
    private let clock: any Clock

    public init(groups: any FocusGroupStore, images: any StimulusImageStore, clock: any Clock) {
        self.groups = groups
        self.images = images
        self.clock = clock
    }

    public func callAsFunction(_ stimulus: StimulusID, in id: FocusGroupID, by owner: UserID) throws {
        guard var group = try groups.focusGroup(id: id, owner: owner) else { throw FocusGroupLookup.notFound }
        guard let removed = group.stimuli.first(where: { $0.id == stimulus }) else { throw Self.notFound }
        group.stimuli.removeAll { $0.id == stimulus }
        group.updatedAt = clock.now
        guard try groups.update(group) != nil else { throw FocusGroupLookup.notFound }
        if removed.isImage { try images.delete(stimulus, in: id, owner: owner) }
    }
}
