/// A user creates a persona by hand (free; generation, which is charged, builds on the same store).
public struct PersonaCreation: Sendable {
    private let personas: any PersonaStore
    private let folders: any FolderStore
    private let clock: any Clock

    public init(personas: any PersonaStore, folders: any FolderStore, clock: any Clock) {
        self.personas = personas
        self.folders = folders
        self.clock = clock
    }

    public func callAsFunction(
        by owner: UserID, profile: PersonaProfile, in folder: FolderID?, generation: PersonaGeneration = .manual
    ) throws -> Persona {
        let profile = try PersonaValidation.validate(profile)
        if let folder { _ = try folders.requireFolder(folder, owner: owner) }
        return try personas.insert(
            NewPersona(ownerID: owner, folderID: folder, profile: profile, generation: generation, createdAt: clock.now)
        )
    }
}
