import Domain
import HTTPCore

/// /api/personas: the signed-in user's personas. Another user's persona is always 404, admins included.
struct PersonaRoutes {
    /// The attributes a client may write. Anything else in the body (id, owner, timestamps, avatar,
    /// generation, provenance) is refused, never ignored.
    private struct ProfileBody: Decodable {
        var patch = PersonaPatch()

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, age, gender, location, occupation, attitude, bio, quote, psychographics, behaviours
            case incomeBand = "income_band"
            case folderID = "folder_id"
        }

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            patch.name = try body.optional(String.self, .name)
            patch.age = try body.contains(.age) ? body.integer(.age) : nil
            patch.gender = try body.optionalChoice(PersonaGender.self, .gender)
            patch.location = try body.optional(String.self, .location)
            patch.occupation = try body.optional(String.self, .occupation)
            patch.incomeBand = try body.optionalChoice(PersonaIncomeBand.self, .incomeBand)
            patch.attitude = try body.optionalChoice(PersonaAttitude.self, .attitude)
            patch.bio = try body.optional(String.self, .bio)
            patch.quote = try body.optional(String.self, .quote)
            patch.psychographics = try body.optional(PsychographicsBody.self, .psychographics)?.value
            patch.behaviours = try body.optional(BehavioursBody.self, .behaviours)?.value
        }
    }

    private struct CreateBody: Decodable {
        let profile: PersonaProfile
        let folderID: FolderID?

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(ProfileBody.CodingKeys.self)
            let patch = try ProfileBody(from: decoder).patch
            let body = try decoder.container(keyedBy: ProfileBody.CodingKeys.self)
            func required<T>(_ value: T?, _ key: ProfileBody.CodingKeys) throws -> T {
                guard let value else { throw DomainError.invalid(key.stringValue, "\(key.stringValue) is required") }
                return value
            }
            profile = PersonaProfile(
                name: try required(patch.name, .name), age: try required(patch.age, .age),
                gender: try required(patch.gender, .gender), location: try required(patch.location, .location),
                occupation: try required(patch.occupation, .occupation),
                incomeBand: try required(patch.incomeBand, .incomeBand),
                attitude: try required(patch.attitude, .attitude), bio: patch.bio ?? "", quote: patch.quote ?? "",
                psychographics: patch.psychographics ?? PersonaPsychographics(),
                behaviours: patch.behaviours ?? PersonaBehaviours())
            folderID = try body.decodeIfPresent(String.self, forKey: .folderID).map(FolderID.init)
        }
    }

    private struct PatchBody: Decodable {
        let patch: PersonaPatch

        /// No `folder_id`: filing goes through /api/personas/move.
        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(
                allowing: ProfileBody.CodingKeys.allCases.filter { $0 != .folderID }.map(\.stringValue))
            patch = try ProfileBody(from: decoder).patch
        }
    }

    private struct PsychographicsBody: Decodable {
        let value: PersonaPsychographics

        enum CodingKeys: String, CodingKey, CaseIterable { case values, motivations, frustrations, interests }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            value = PersonaPsychographics(
                values: try body.optional([String].self, .values) ?? [],
                motivations: try body.optional([String].self, .motivations) ?? [],
                frustrations: try body.optional([String].self, .frustrations) ?? [],
                interests: try body.optional([String].self, .interests) ?? [])
        }
    }

    private struct BehavioursBody: Decodable {
        let value: PersonaBehaviours

        enum CodingKeys: String, CodingKey, CaseIterable { case shopping, media, technology }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            value = PersonaBehaviours(
                shopping: try body.optional([String].self, .shopping) ?? [],
                media: try body.optional([String].self, .media) ?? [],
                technology: try body.optional([String].self, .technology) ?? [])
        }
    }

    /// `{ids}` for bulk delete; `{ids, folder_id}` for move, where `folder_id` must be sent (null = no folder).
    private struct BulkBody: Decodable {
        let ids: [PersonaID]
        let folderID: FolderID?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case ids
            case folderID = "folder_id"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            ids = try body.decode([String].self, forKey: .ids).map(PersonaID.init)
            folderID = try body.decodeIfPresent(String.self, forKey: .folderID).map(FolderID.init)
        }
    }

    private struct MoveBody: Decodable {
        let bulk: BulkBody

        init(from decoder: any Decoder) throws {
            guard try decoder.container(keyedBy: BulkBody.CodingKeys.self).contains(.folderID) else {
                throw DomainError.invalid("folder_id", "folder_id is required (null files the personas in no folder).")
            }
            bulk = try BulkBody(from: decoder)
        }
    }

    private struct DeleteBody: Decodable {
        let ids: [PersonaID]

        enum CodingKeys: String, CodingKey, CaseIterable { case ids }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            ids = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .ids)
                .map(PersonaID.init)
        }
    }

    private struct Deleted: Encodable { let deleted: Int }
    private struct Moved: Encodable { let moved: Int }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/personas") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let found = try app.personaSearch(
                by: user.id, filter: try Self.filter(request.query), page: try PageRequest(query: request.query))
            return .json(PageRepresentation(found, PersonaRepresentation.init))
        }
        router.on(.post, "/api/personas") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(CreateBody.self)
            let persona = try app.personaCreation(by: user.id, profile: body.profile, in: body.folderID)
            return .json(PersonaRepresentation(persona), status: .created)
        }
        router.on(.get, "/api/personas/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(PersonaRepresentation(try app.personaLookup(Self.id(parameters), by: user.id)))
        }
        router.on(.patch, "/api/personas/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(PatchBody.self)
            return .json(
                PersonaRepresentation(try app.personaEditing(Self.id(parameters), by: user.id, patch: body.patch)))
        }
        router.on(.delete, "/api/personas/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            try app.personaDeletion(Self.id(parameters), by: user.id)
            return .noContent
        }
        router.on(.post, "/api/personas/bulk-delete") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(DeleteBody.self)
            return .json(Deleted(deleted: try app.personaDeletion(body.ids, by: user.id)))
        }
        router.on(.post, "/api/personas/move") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(MoveBody.self).bulk
            return .json(Moved(moved: try app.personaMove(body.ids, by: user.id, to: body.folderID)))
        }
    }

    private static func id(_ parameters: RouteParameters) -> PersonaID { PersonaID(parameters["id"] ?? "") }

    /// `q`, `folder_id` (an id, or `none` for unfiled personas), `gender`, `age_min`, `age_max`.
    private static func filter(_ query: [String: String]) throws -> PersonaFilter {
        func number(_ name: String) throws -> Int? {
            guard let raw = query[name], !raw.isEmpty else { return nil }
            guard let value = Int(raw) else { throw DomainError.invalid(name, "\(name) must be a whole number.") }
            return value
        }
        var filter = PersonaFilter(text: query["q"], ageMin: try number("age_min"), ageMax: try number("age_max"))
        switch query["folder_id"] {
        case nil, "": filter.folder = .any
        case "none": filter.folder = .unfiled
        case let id?: filter.folder = .folder(FolderID(id))
        }
        if let raw = query["gender"], !raw.isEmpty {
            guard let gender = PersonaGender(rawValue: raw) else {
                throw DomainError.invalid(
                    "gender",
                    "gender must be one of: \(PersonaGender.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.gender = gender
        }
        return filter
    }
}
