public import Foundation

/// A synthetic user, owned by one account and optionally filed in one of its folders.
public struct Persona: Sendable, Equatable {
    public let id: PersonaID
    public let ownerID: UserID
    public var folderID: FolderID?
    public var profile: PersonaProfile
    public let generation: PersonaGeneration
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: PersonaID, ownerID: UserID, folderID: FolderID?, profile: PersonaProfile, generation: PersonaGeneration,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.folderID = folderID
        self.profile = profile
        self.generation = generation
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Derived from the id and name, never stored: the same persona always draws the same avatar.
    public var avatar: PersonaAvatar { PersonaAvatar(id: id, name: profile.name) }
}

/// What a store needs to create a persona; the store assigns the id.
public struct NewPersona: Sendable {
    public let ownerID: UserID
    public let folderID: FolderID?
    public let profile: PersonaProfile
    public let generation: PersonaGeneration
    public let createdAt: Date

    public init(
        ownerID: UserID, folderID: FolderID?, profile: PersonaProfile, generation: PersonaGeneration, createdAt: Date
    ) {
        self.ownerID = ownerID
        self.folderID = folderID
        self.profile = profile
        self.generation = generation
        self.createdAt = createdAt
    }
}
