import Domain
import Foundation
import HTTPCore
import Representations

/// /api/focus-groups/:id/stimuli: image stimuli are uploaded as the raw request body
/// (`Content-Type: image/png|image/jpeg|image/webp`, at most 5 MiB, checked against the bytes' magic
/// numbers) and read back by their owner only; any stimulus can be removed. Concepts are written with
/// the group itself (`PATCH /api/focus-groups/:id`).
struct StimulusRoutes {
    private struct Accepted: Encodable {
        let stimulus: StimulusRepresentation
        let taskID: String

        enum CodingKeys: String, CodingKey {
            case stimulus
            case taskID = "task_id"
        }
    }

    /// The route whose body may be larger than `COHORTA_MAX_BODY_BYTES` (see `BodyLimits`).
    static let uploadPath = "/api/focus-groups/:id/stimuli/image"

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.post, Self.uploadPath) { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let image = try Self.image(in: request)
            let group = FocusGroupRoutes.id(parameters)
            let added = try app.stimulusImageUpload(group, by: user.id, title: request.query["title"], image: image)
            return .json(
                Accepted(
                    stimulus: StimulusRepresentation(added.stimulus, in: group), taskID: added.task.id.rawValue),
                status: .accepted)
        }
        router.on(.get, "/api/focus-groups/:id/stimuli/:sid/image") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let image = try app.stimulusImageLookup(
                StimulusID(parameters["sid"] ?? ""), in: FocusGroupRoutes.id(parameters), by: user.id)
            return HTTPResponse(
                status: .ok,
                headers: [
                    "Content-Type": image.mediaType.rawValue, "Cache-Control": "private, max-age=3600",
                    "X-Content-Type-Options": "nosniff",
                ],
                body: image.bytes)
        }
        router.on(.delete, "/api/focus-groups/:id/stimuli/:sid") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            try app.stimulusDeletion(
                StimulusID(parameters["sid"] ?? ""), in: FocusGroupRoutes.id(parameters), by: user.id)
            return .noContent
        }
    }

    /// The body as an image of the declared type: 415 unless the `Content-Type` is PNG, JPEG or WebP and
    /// the bytes are that type; 413 above 5 MiB.
    private static func image(in request: HTTPRequest) throws -> StimulusImageData {
        let declared = request.headers["Content-Type"].flatMap { header in
            StimulusImage.MediaType(
                rawValue: (header.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
                    .lowercased())
        }
        do {
            return try StimulusImageData(upload: request.body, declared: declared)
        } catch .unsupportedType {
            throw HTTPError(
                .unsupportedMediaType, "The image must be a PNG, JPEG or WebP file sent with its own Content-Type.")
        } catch .tooLarge(let limit) {
            throw HTTPError.payloadTooLarge(limit: limit)
        }
    }
}
