/// Deletes one of the user's folders. Its personas and child folders move up to its parent (or to the
/// top level), so nothing is lost with it.
public struct FolderDeletion: Sendable {
    private let folders: any FolderStore
    private let personas: any PersonaStore

    public init(folders: any FolderStore, personas: any PersonaStore) {
        self.folders = folders
        self.personas = personas
    }

    public func callAsFunction(_ id: FolderID, by owner: UserID) throws {
        let folder = try folders.requireFolder(id, owner: owner, field: "id")
        // Personas first: if the delete below fails, they are already safe in the parent.
        try personas.moveAll(owner: owner, from: id, to: folder.parentID)
        guard try folders.delete(id, owner: owner, reparentingChildrenTo: folder.parentID) else {
            throw DomainError(.notFound, "No such folder.")
        }
    }
}
