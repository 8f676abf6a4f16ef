/// A user renames a folder or moves it under another of their folders (no cycles, depth bounded).
public struct FolderEditing: Sendable {
    private let folders: any FolderStore
    private let personas: any PersonaStore

    public init(folders: any FolderStore, personas: any PersonaStore) {
        self.folders = folders
        self.personas = personas
    }

    public func callAsFunction(_ id: FolderID, by owner: UserID, patch: FolderPatch) throws -> FolderSummary {
        let all = try folders.folders(of: owner)
        guard var folder = all.first(where: { $0.id == id }) else { throw DomainError(.notFound, "No such folder.") }
        if let name = patch.name { folder.name = try FolderName.validated(name) }
        switch patch.parent {
        case .unchanged:
            break
        case .topLevel:
            folder.parentID = nil
        case .folder(let parent):
            let tree = FolderTree(all)
            guard tree.contains(parent) else { throw DomainError(.notFound, "No such folder.", field: "parent_id") }
            try tree.checkMove(id, under: parent)
            folder.parentID = parent
        }
        guard let updated = try folders.update(folder) else { throw DomainError(.notFound, "No such folder.") }
        return FolderSummary(folder: updated, personaCount: try personas.countsByFolder(owner: owner)[id] ?? 0)
    }
}
