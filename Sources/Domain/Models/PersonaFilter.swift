/// Which of a user's personas a list shows. Every criterion is optional; together they narrow (AND).
public struct PersonaFilter: Sendable, Equatable {
    /// Which folder the personas are filed in.
    public enum FolderScope: Sendable, Equatable {
        case any
        case unfiled
        case folder(FolderID)
    }

    /// Case-insensitive substring of name, occupation, location or bio; plain text, never a pattern.
    public var text: String?
    public var folder: FolderScope
    public var gender: PersonaGender?
    public var ageMin: Int?
    public var ageMax: Int?

    public init(
        text: String? = nil, folder: FolderScope = .any, gender: PersonaGender? = nil, ageMin: Int? = nil,
        ageMax: Int? = nil
    ) {
        self.text = text
        self.folder = folder
        self.gender = gender
        self.ageMin = ageMin
        self.ageMax = ageMax
    }

    /// The in-memory meaning of the filter; stores that query a database must agree with it.
    public func matches(_ persona: Persona) -> Bool {
        let profile = persona.profile
        switch folder {
        case .any: break
        case .unfiled: if persona.folderID != nil { return false }
        case .folder(let id): if persona.folderID != id { return false }
        }
        if let gender, profile.gender != gender { return false }
        if let ageMin, profile.age < ageMin { return false }
        if let ageMax, profile.age > ageMax { return false }
        if let text {
            let needle = text.lowercased()
            return [profile.name, profile.occupation, profile.location, profile.bio].contains {
                $0.lowercased().contains(needle)
            }
        }
        return true
    }
}
