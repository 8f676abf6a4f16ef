/// Deletes one persona (not found if it is not the user's) or a bounded batch (others' ids are skipped and
/// not counted, so the answer reveals nothing about them).
public struct PersonaDeletion: Sendable {
    private let personas: any PersonaStore

    public init(personas: any PersonaStore) { self.personas = personas }

    public func callAsFunction(_ id: PersonaID, by owner: UserID) throws {
        guard try personas.delete([id], owner: owner) == 1 else { throw PersonaLookup.notFound }
    }

    /// Returns how many of the user's personas were deleted.
    public func callAsFunction(_ ids: [PersonaID], by owner: UserID) throws -> Int {
        try personas.delete(PersonaValidation.bulkIDs(ids), owner: owner)
    }
}
