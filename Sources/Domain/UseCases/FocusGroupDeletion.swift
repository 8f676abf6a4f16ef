/// Deletes one of the user's focus groups and its images (images first: a failure in between leaves the
/// group in place to delete again, never bytes nobody can reach).
public struct FocusGroupDeletion: Sendable {
    private let groups: any FocusGroupStore
    private let images: any StimulusImageStore

    public init(groups: any FocusGroupStore, images: any StimulusImageStore) {
        self.groups = groups
        self.images = images
    }

    public func callAsFunction(_ id: FocusGroupID, by owner: UserID) throws {
        guard try groups.focusGroup(id: id, owner: owner) != nil else { throw FocusGroupLookup.notFound }
        try images.deleteAll(in: id, owner: owner)
        guard try groups.delete(id, owner: owner) else { throw FocusGroupLookup.notFound }
    }
}
