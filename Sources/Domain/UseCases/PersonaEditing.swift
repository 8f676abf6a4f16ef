/// A user edits some attributes of one of their personas; the result is validated as a whole.
public struct PersonaEditing: Sendable {
    private let personas: any PersonaStore
    private let clock: any Clock

    public init(personas: any PersonaStore, clock: any Clock) {
        self.personas = personas
        self.clock = clock
    }

    public func callAsFunction(_ id: PersonaID, by owner: UserID, patch: PersonaPatch) throws -> Persona {
        guard let current = try personas.persona(id: id, owner: owner) else { throw PersonaLookup.notFound }
        let profile = try PersonaValidation.validate(patch.applied(to: current.profile))
        guard let updated = try personas.update(id, owner: owner, profile: profile, at: clock.now) else {
            throw PersonaLookup.notFound
        }
        return updated
    }
}
