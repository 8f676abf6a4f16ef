/// Folders, always scoped to their owner: another user's folder is indistinguishable from a missing one.
/// Implementations are thread-safe and synchronous.
public protocol FolderStore: Sendable {
    func insert(_ folder: NewFolder) throws -> Folder
    func folder(id: FolderID, owner: UserID) throws -> Folder?
    /// All of the owner's folders (at most `FolderTree.maximumFolders`), oldest first.
    func folders(of owner: UserID) throws -> [Folder]
    /// Writes the name and parent of the owner's folder; nil when there is no such folder.
    func update(_ folder: Folder) throws -> Folder?
    /// Deletes the owner's folder and re-parents its children to `newParent`; false when there was none.
    func delete(_ id: FolderID, owner: UserID, reparentingChildrenTo newParent: FolderID?) throws -> Bool
}

extension FolderStore {
    /// The owner's folder, or `.notFound` on `field`: another user's folder looks exactly like a missing one.
    public func requireFolder(_ id: FolderID, owner: UserID, field: String = "folder_id") throws -> Folder {
        guard let folder = try folder(id: id, owner: owner) else {
            throw DomainError(.notFound, "No such folder.", field: field)
        }
        return folder
    }
}
