import Domain
import Foundation
import HTTPCore

/// /api/exports: start an export (202 with its task), read one or the recent list, and download a ready
/// one, streamed from its chunks. Owner only: another user's export is a 404, like a missing one.
struct ExportRoutes {
    private struct Body: Decodable {
        let kind: String?
        let format: String?
        let personaIDs: [String]?
        let folderID: String?
        let sessionID: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, format
            case personaIDs = "persona_ids"
            case folderID = "folder_id"
            case sessionID = "session_id"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = try container.decodeIfPresent(String.self, forKey: .kind)
            format = try container.decodeIfPresent(String.self, forKey: .format)
            personaIDs = try container.decodeIfPresent([String].self, forKey: .personaIDs)
            folderID = try container.decodeIfPresent(String.self, forKey: .folderID)
            sessionID = try container.decodeIfPresent(String.self, forKey: .sessionID)
        }
    }

    private struct Accepted: Encodable {
        let export: ExportRepresentation
        let taskID: String

        enum CodingKeys: String, CodingKey {
            case export
            case taskID = "task_id"
        }
    }

    private struct List: Encodable {
        let exports: [ExportRepresentation]
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.post, "/api/exports") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(Body.self)
            let exportRequest = try ExportRequest(
                kind: body.kind, format: body.format, personaIDs: body.personaIDs, folderID: body.folderID,
                sessionID: body.sessionID)
            let started = try exports().launch(exportRequest, by: user.id)
            return .json(
                Accepted(export: ExportRepresentation(started.export), taskID: started.task.id.rawValue),
                status: .accepted)
        }
        router.on(.get, "/api/exports") { request, _, _ in
            let user = try app.authenticatedUser(request)
            return .json(List(exports: try exports().lookup.recent(of: user.id).map(ExportRepresentation.init)))
        }
        router.on(.get, "/api/exports/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(ExportRepresentation(try exports().lookup(ExportID(parameters["id"] ?? ""), by: user.id)))
        }
        router.on(.get, "/api/exports/:id/download") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let lookup = try exports().lookup
            let export = try lookup.downloadable(ExportID(parameters["id"] ?? ""), by: user.id)
            let stream = HTTPBodyStream(length: export.sizeBytes ?? 0) { emit in try lookup.stream(export, into: emit) }
            return .streamed(
                stream,
                headers: [
                    "Content-Type": export.contentType,
                    "Content-Disposition": "attachment; filename=\"\(export.filename)\"",
                    "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
                ])
        }
    }

    private func exports() throws -> ExportUseCases {
        guard let exports = app.exports else { throw DomainError.unavailable(detail: "exports are not configured") }
        return exports
    }
}

/// The public JSON of an export.
struct ExportRepresentation: Encodable {
    let id: String
    let kind: String
    let format: String
    let status: String
    let filename: String
    let contentType: String
    let sizeBytes: Int?
    let taskID: String?
    let failure: String?
    let createdAt: Date
    let expiresAt: Date
    let downloadURL: String

    init(_ export: ExportRecord) {
        id = export.id.rawValue
        kind = export.kind.rawValue
        format = export.format.rawValue
        status = export.status.rawValue
        filename = export.filename
        contentType = export.contentType
        sizeBytes = export.sizeBytes
        taskID = export.taskID?.rawValue
        failure = export.failure
        createdAt = export.createdAt
        expiresAt = export.expiresAt
        downloadURL = "/api/exports/\(export.id.rawValue)/download"
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, format, status, filename, failure
        case contentType = "content_type"
        case sizeBytes = "size_bytes"
        case taskID = "task_id"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case downloadURL = "download_url"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(format, forKey: .format)
        try container.encode(status, forKey: .status)
        try container.encode(filename, forKey: .filename)
        try container.encode(contentType, forKey: .contentType)
        try container.encode(sizeBytes, forKey: .sizeBytes)
        try container.encode(taskID, forKey: .taskID)
        try container.encode(failure, forKey: .failure)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(downloadURL, forKey: .downloadURL)
    }
}
