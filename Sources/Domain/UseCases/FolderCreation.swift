/// A user creates a folder, at the top level or inside one of their folders (never deeper than allowed).
public struct FolderCreation: Sendable {
    private let folders: any FolderStore
    private let clock: any Clock

    public init(folders: any FolderStore, clock: any Clock) {
        self.folders = folders
        self.clock = clock
    }

    public func callAsFunction(by owner: UserID, name: String, parent: FolderID?) throws -> Folder {
        let name = try FolderName.validated(name)
        let existing = try folders.folders(of: owner)
        guard existing.count < FolderTree.maximumFolders else {
            throw DomainError(.conflict, "You can have at most \(FolderTree.maximumFolders) folders.")
        }
        if let parent {
            let tree = FolderTree(existing)
            guard tree.contains(parent) else { throw DomainError(.notFound, "No such folder.", field: "parent_id") }
            guard tree.depth(of: parent) < FolderTree.maximumDepth else {
                throw DomainError.invalid(
                    "parent_id", "Folders can nest at most \(FolderTree.maximumDepth) levels deep.")
            }
        }
        return try folders.insert(NewFolder(ownerID: owner, name: name, parentID: parent, createdAt: clock.now))
    }
}
