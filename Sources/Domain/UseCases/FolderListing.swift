/// All of the user's folders, oldest first, each with the number of personas filed directly in it.
public struct FolderListing: Sendable {
    private let folders: any FolderStore
    private let personas: any PersonaStore

    public init(folders: any FolderStore, personas: any PersonaStore) {
        self.folders = folders
        self.personas = personas
    }

    public func callAsFunction(by owner: UserID) throws -> [FolderSummary] {
        let counts = try personas.countsByFolder(owner: owner)
        return try folders.folders(of: owner).map { FolderSummary(folder: $0, personaCount: counts[$0.id] ?? 0) }
    }
}
