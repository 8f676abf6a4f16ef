/// One of the user's own personas. Anyone else's, administrators included, is not found.
public struct PersonaLookup: Sendable {
    static let notFound = DomainError(.notFound, "No such persona.")

    private let personas: any PersonaStore

    public init(personas: any PersonaStore) { self.personas = personas }

    public func callAsFunction(_ id: PersonaID, by owner: UserID) throws -> Persona {
        guard let persona = try personas.persona(id: id, owner: owner) else { throw Self.notFound }
        return persona
    }
}
