/// A page of the user's personas matching a filter, newest first, with the total count.
public struct PersonaSearch: Sendable {
    private let personas: any PersonaStore
    private let folders: any FolderStore

    public init(personas: any PersonaStore, folders: any FolderStore) {
        self.personas = personas
        self.folders = folders
    }

    public func callAsFunction(by owner: UserID, filter: PersonaFilter, page: PageRequest) throws -> Page<Persona> {
        var filter = filter
        filter.text = try PersonaValidation.searchText(filter.text)
        try PersonaValidation.ageRange(min: filter.ageMin, max: filter.ageMax)
        if case .folder(let id) = filter.folder { _ = try folders.requireFolder(id, owner: owner) }
        return try personas.personas(of: owner, matching: filter, page: page)
    }
}
