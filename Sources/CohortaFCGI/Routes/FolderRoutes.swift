import Domain
import Foundation
import HTTPCore

/// /api/folders: the signed-in user's folder tree. Another user's folder is always 404.
struct FolderRoutes {
    /// The public JSON shape of a folder.
    private struct Representation: Encodable {
        let id: String
        let name: String
        let parentID: Nullable<String>
        let personaCount: Int
        let createdAt: Date

        init(_ summary: FolderSummary) {
            id = summary.folder.id.rawValue
            name = summary.folder.name.value
            parentID = Nullable(summary.folder.parentID?.rawValue)
            personaCount = summary.personaCount
            createdAt = summary.folder.createdAt
        }

        enum CodingKeys: String, CodingKey {
            case id, name
            case parentID = "parent_id"
            case personaCount = "persona_count"
            case createdAt = "created_at"
        }
    }

    private struct List: Encodable { let items: [Representation] }

    private enum Keys: String, CodingKey, CaseIterable {
        case name
        case parentID = "parent_id"
    }

    /// `{name, parent_id?}`; a missing or null `parent_id` creates a top-level folder.
    private struct CreateBody: Decodable {
        let name: String
        let parentID: FolderID?

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(Keys.self)
            let body = try decoder.container(keyedBy: Keys.self)
            name = try body.decode(String.self, forKey: .name)
            parentID = try body.decodeIfPresent(String.self, forKey: .parentID).map(FolderID.init)
        }
    }

    /// `{name?, parent_id?}`; `parent_id: null` moves the folder to the top level, leaving it out keeps it.
    private struct PatchBody: Decodable {
        let patch: FolderPatch

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(Keys.self)
            let body = try decoder.container(keyedBy: Keys.self)
            var patch = FolderPatch(name: try body.optional(String.self, .name))
            if body.contains(.parentID) {
                patch.parent =
                    try body.decodeIfPresent(String.self, forKey: .parentID).map { .folder(FolderID($0)) } ?? .topLevel
            }
            self.patch = patch
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/folders") { request, _, _ in
            let user = try app.authenticatedUser(request)
            return .json(List(items: try app.folderListing(by: user.id).map(Representation.init)))
        }
        router.on(.post, "/api/folders") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(CreateBody.self)
            let folder = try app.folderCreation(by: user.id, name: body.name, parent: body.parentID)
            return .json(Representation(FolderSummary(folder: folder, personaCount: 0)), status: .created)
        }
        router.on(.patch, "/api/folders/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(PatchBody.self)
            return .json(Representation(try app.folderEditing(Self.id(parameters), by: user.id, patch: body.patch)))
        }
        router.on(.delete, "/api/folders/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            try app.folderDeletion(Self.id(parameters), by: user.id)
            return .noContent
        }
    }

    private static func id(_ parameters: RouteParameters) -> FolderID { FolderID(parameters["id"] ?? "") }
}
