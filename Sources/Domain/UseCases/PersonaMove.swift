/// Files a bounded batch of the user's personas in one of their folders, or in none. The folder must be
/// the user's own; others' persona ids are skipped and not counted.
public struct PersonaMove: Sendable {
    private let personas: any PersonaStore
    private let folders: any FolderStore

    public init(personas: any PersonaStore, folders: any FolderStore) {
        self.personas = personas
        self.folders = folders
    }

    /// Returns how many of the user's personas are now in `folder`.
    public func callAsFunction(_ ids: [PersonaID], by owner: UserID, to folder: FolderID?) throws -> Int {
        let ids = try PersonaValidation.bulkIDs(ids)
        if let folder { _ = try folders.requireFolder(folder, owner: owner) }
        return try personas.move(ids, owner: owner, to: folder)
    }
}
