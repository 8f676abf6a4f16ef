import Domain
import HTTPCore

/// POST /api/personas/:id/modify {instruction} → 202 {task_id}: queues a `persona_modification` task whose
/// result is a diff of the persona; nothing changes until the client PATCHes the accepted changes.
struct PersonaModificationRoutes {
    private struct Body: Decodable {
        let instruction: String

        enum CodingKeys: String, CodingKey, CaseIterable { case instruction }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            instruction = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .instruction)
        }
    }

    private struct Accepted: Encodable {
        let taskID: String

        enum CodingKeys: String, CodingKey { case taskID = "task_id" }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        let modify = PersonaModification(lookup: app.personaLookup, launch: app.launchTask)
        router.on(.post, "/api/personas/:id/modify") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(Body.self)
            let task = try modify(PersonaID(parameters["id"] ?? ""), by: user.id, instruction: body.instruction)
            return .json(Accepted(taskID: task.id.rawValue), status: .accepted)
        }
    }
}
