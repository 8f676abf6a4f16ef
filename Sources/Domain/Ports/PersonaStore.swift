public import Foundation

/// Personas, always scoped to their owner: another user's persona is indistinguishable from a missing one.
/// Implementations are thread-safe and synchronous.
public protocol PersonaStore: Sendable {
    /// Stores a validated persona under a new id.
    func insert(_ persona: NewPersona) throws -> Persona
    func persona(id: PersonaID, owner: UserID) throws -> Persona?
    /// Newest first (`createdAt`, then id), matching `PersonaFilter.matches`, with the total match count.
    func personas(of owner: UserID, matching filter: PersonaFilter, page: PageRequest) throws -> Page<Persona>
    /// Replaces the profile and `updatedAt` of the owner's persona; nil when there is no such persona.
    func update(_ id: PersonaID, owner: UserID, profile: PersonaProfile, at date: Date) throws -> Persona?
    /// Deletes those of `ids` the owner has; returns how many were deleted.
    func delete(_ ids: [PersonaID], owner: UserID) throws -> Int
    /// Files those of `ids` the owner has in `folder` (nil = no folder); returns how many matched.
    /// Filing is not an edit: `updatedAt` stays.
    func move(_ ids: [PersonaID], owner: UserID, to folder: FolderID?) throws -> Int
    /// Files every persona of `folder` in `destination` instead (when a folder is deleted).
    func moveAll(owner: UserID, from folder: FolderID, to destination: FolderID?) throws
    /// How many personas the owner has filed in each folder (folders with none are absent).
    func countsByFolder(owner: UserID) throws -> [FolderID: Int]
}
