import Domain
import HTTPCore

/// The discussion guide's generation: `POST /api/focus-groups/:id/guide/generate` (a whole guide) and
/// `POST /api/focus-groups/:id/guide/sections/:section_id/regenerate` (one section again) → 202 {task_id}.
/// Neither takes a body; the task's result is `{"guide": DiscussionGuide}`, also saved on the group.
struct DiscussionGuideRoutes {
    private struct Accepted: Encodable {
        let taskID: String

        enum CodingKeys: String, CodingKey { case taskID = "task_id" }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        let guides = app.discussionGuides
        router.on(.post, "/api/focus-groups/:id/guide/generate") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let task = try guides.guide(of: FocusGroupID(parameters["id"] ?? ""), by: user.id)
            return .json(Accepted(taskID: task.id.rawValue), status: .accepted)
        }
        router.on(.post, "/api/focus-groups/:id/guide/sections/:section_id/regenerate") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let task = try guides.section(
                parameters["section_id"] ?? "", of: FocusGroupID(parameters["id"] ?? ""), by: user.id)
            return .json(Accepted(taskID: task.id.rawValue), status: .accepted)
        }
    }
}
