internal import BSON
internal import Domain
internal import Foundation

/// A `personas` document as stored: `{_id, user_id, folder_id|null, profile: {…}, generation: {…},
/// created_at, updated_at}`. The profile is one sub-document so an edit replaces it in one `$set`.
struct PersonaDocument: Codable {
    struct Profile: Codable {
        struct Psychographics: Codable {
            var values: [String]
            var motivations: [String]
            var frustrations: [String]
            var interests: [String]
        }

        struct Behaviours: Codable {
            var shopping: [String]
            var media: [String]
            var technology: [String]
        }

        /// Provenance as a list: its attribute names contain dots, which do not belong in BSON keys.
        struct Origin: Codable {
            var field: String
            var source: String
            var rows: [Int64]
        }

        var name: String
        var age: Int64
        var gender: String
        var location: String
        var occupation: String
        var incomeBand: String
        var attitude: String
        var bio: String
        var quote: String
        var psychographics: Psychographics
        var behaviours: Behaviours
        var provenance: [Origin]

        enum CodingKeys: String, CodingKey {
            case name, age, gender, location, occupation, attitude, bio, quote, psychographics, behaviours, provenance
            case incomeBand = "income_band"
        }
    }

    struct Generation: Codable {
        var taskID: String?
        var brief: String?

        enum CodingKeys: String, CodingKey {
            case taskID = "task_id"
            case brief
        }
    }

    var id: ObjectID
    var userID: ObjectID
    var folderID: ObjectID?
    var profile: Profile
    var generation: Generation
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case folderID = "folder_id"
        case profile, generation
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Writes `folder_id: null` for an unfiled persona, so `{folder_id: null}` finds it on every server.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        try container.encode(folderID, forKey: .folderID)
        try container.encode(profile, forKey: .profile)
        try container.encode(generation, forKey: .generation)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    func persona() throws -> Persona {
        Persona(
            id: PersonaID(id.hex), ownerID: UserID(userID.hex), folderID: folderID.map { FolderID($0.hex) },
            profile: try profile.domain(persona: id),
            generation: PersonaGeneration(taskID: generation.taskID, brief: generation.brief),
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

extension PersonaDocument.Profile {
    init(_ profile: PersonaProfile) {
        name = profile.name
        age = Int64(profile.age)
        gender = profile.gender.rawValue
        location = profile.location
        occupation = profile.occupation
        incomeBand = profile.incomeBand.rawValue
        attitude = profile.attitude.rawValue
        bio = profile.bio
        quote = profile.quote
        let psycho = profile.psychographics
        psychographics = Psychographics(
            values: psycho.values, motivations: psycho.motivations, frustrations: psycho.frustrations,
            interests: psycho.interests)
        behaviours = Behaviours(
            shopping: profile.behaviours.shopping, media: profile.behaviours.media,
            technology: profile.behaviours.technology)
        provenance = profile.provenance.origins.sorted { $0.key < $1.key }.map {
            Origin(field: $0.key, source: $0.value.source.rawValue, rows: $0.value.rows.map(Int64.init))
        }
    }

    func domain(persona id: ObjectID) throws -> PersonaProfile {
        func stored<T: RawRepresentable<String>>(_ raw: String, as type: T.Type) throws -> T {
            guard let value = T(rawValue: raw) else {
                throw BSONError(.typeMismatch, "A stored persona has an invalid value.", detail: "persona \(id.hex)")
            }
            return value
        }
        var origins: [String: PersonaProvenance.Origin] = [:]
        for origin in provenance {
            origins[origin.field] = PersonaProvenance.Origin(
                source: try stored(origin.source, as: PersonaProvenance.Source.self), rows: origin.rows.map { Int($0) })
        }
        return PersonaProfile(
            name: name, age: Int(age), gender: try stored(gender, as: PersonaGender.self), location: location,
            occupation: occupation, incomeBand: try stored(incomeBand, as: PersonaIncomeBand.self),
            attitude: try stored(attitude, as: PersonaAttitude.self), bio: bio, quote: quote,
            psychographics: PersonaPsychographics(
                values: psychographics.values, motivations: psychographics.motivations,
                frustrations: psychographics.frustrations, interests: psychographics.interests),
            behaviours: PersonaBehaviours(
                shopping: behaviours.shopping, media: behaviours.media, technology: behaviours.technology),
            provenance: PersonaProvenance(origins))
    }
}
