import Domain
import HTTPCore

/// Panel generation: the standard sampling plan, and `POST /api/personas/generate` → 202 `{task_id}` (the
/// `persona_generation` task; progress and result through /api/tasks/:id).
struct PersonaGenerationRoutes {
    /// `{brief, count?, sampling?, folder_id?, seed?, customer_data_id?}`; `sampling` is free-form overrides, read separately.
    private struct GenerateBody: Decodable {
        let brief: String
        let count: Int?
        let folderID: FolderID?
        let seed: Int?
        let customerDataID: CustomerDatasetID?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case brief, count, sampling, seed
            case folderID = "folder_id"
            case customerDataID = "customer_data_id"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            brief = try body.decode(String.self, forKey: .brief)
            count = try body.decodeIfPresent(JSONInteger.self, forKey: .count).map { Int(clamping: $0.value) }
            folderID = try body.decodeIfPresent(String.self, forKey: .folderID).map(FolderID.init)
            seed = try body.decodeIfPresent(JSONInteger.self, forKey: .seed).map { Int(clamping: $0.value) }
            customerDataID = try body.decodeIfPresent(String.self, forKey: .customerDataID).map(CustomerDatasetID.init)
        }
    }

    private struct Accepted: Encodable {
        let taskID: String

        enum CodingKeys: String, CodingKey { case taskID = "task_id" }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/personas/sampling-plan") { request, _, _ in
            _ = try app.authenticatedUser(request)
            return .json(SamplingPlan.standard.json)
        }
        router.on(.post, "/api/personas/generate") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(GenerateBody.self)
            let sampling = try JSONValue.parse(request.body)["sampling"].flatMap { $0 == .null ? nil : $0 }
            let task = try app.panelGeneration(
                PanelGenerationLaunch.Request(
                    brief: body.brief, count: body.count ?? PanelGenerationInput.defaultCount, sampling: sampling,
                    folderID: body.folderID, seed: body.seed, customerDataID: body.customerDataID),
                by: user.id)
            return .json(Accepted(taskID: task.id.rawValue), status: .accepted)
        }
    }
}
