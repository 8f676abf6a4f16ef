/// The bytes of one image stimulus of the user's own focus group; anything else is not found.
public struct StimulusImageLookup: Sendable {
    static let notFound = DomainError(.notFound, "No such image.")

    private let groups: any FocusGroupStore
    private let images: any StimulusImageStore

    public init(groups: any FocusGroupStore, images: any StimulusImageStore) {
        self.groups = groups
        self.images = images
    }

    public func callAsFunction(_ stimulus: StimulusID, in id: FocusGroupID, by owner: UserID) throws
        -> StimulusImageData
    {
        guard let group = try groups.focusGroup(id: id, owner: owner) else { throw FocusGroupLookup.notFound }
        guard group.stimuli.contains(where: { $0.id == stimulus && $0.isImage }),
            let image = try images.image(of: stimulus, in: id, owner: owner)
        else { throw Self.notFound }
        return image
    }
}
