import Domain
import Foundation
import HTTPCore
import Representations

/// /api/tasks: the signed-in user's durable tasks. Another user's task answers 404, as a missing one.
struct TaskRoutes {
    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/tasks") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let page = try app.userTasks.tasks(of: user.id, page: try PageRequest(query: request.query))
            return .json(PageRepresentation(page, TaskRepresentation.init))
        }
        router.on(.get, "/api/tasks/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(TaskRepresentation(try app.userTasks.task(TaskID(parameters["id"] ?? ""), of: user.id)))
        }
        router.on(.delete, "/api/tasks/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let task = try app.userTasks.cancel(TaskID(parameters["id"] ?? ""), of: user.id)
            return .json(TaskRepresentation(task), status: .accepted)
        }
    }
}
