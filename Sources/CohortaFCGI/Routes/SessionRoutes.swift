import Domain
import HTTPCore
import Representations

/// Focus group sessions: the preflight estimate, starting, reading (session, messages), the researcher's
/// commands, resume, fork, replay and compare. Another user's session or group answers 404.
struct SessionRoutes {
    private struct Started: Encodable {
        let session: FocusGroupSessionRepresentation
        let taskID: String

        enum CodingKeys: String, CodingKey {
            case session
            case taskID = "task_id"
        }
    }

    private struct Messages: Encodable {
        let items: [SessionMessageRepresentation]
        let status: String
        let nextAfterSeq: Int

        enum CodingKeys: String, CodingKey {
            case items, status
            case nextAfterSeq = "next_after_seq"
        }
    }

    private struct Command: Decodable {
        let kind: String
        let text: String?
        let personaID: String?

        enum CodingKeys: String, CodingKey {
            case kind, text
            case personaID = "persona_id"
        }
    }

    private struct Fork: Decodable {
        struct StimulusEdit: Decodable {
            let id: String
            let text: String
        }

        let seq: JSONInteger
        let text: String?
        let stimulus: StimulusEdit?
    }

    private struct Comparison: Encodable {
        let left: FocusGroupSessionRepresentation
        let right: FocusGroupSessionRepresentation
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/focus-groups/:id/sessions/estimate") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let estimate = try app.sessionLaunch.estimate(FocusGroupID(parameters["id"] ?? ""), owner: user.id)
            return .json(SessionEstimateRepresentation.json(estimate))
        }
        router.on(.post, "/api/focus-groups/:id/sessions") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return started(try app.sessionLaunch.start(FocusGroupID(parameters["id"] ?? ""), owner: user.id))
        }
        router.on(.get, "/api/focus-groups/:id/sessions") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let sessions = try app.sessionControl.sessions(of: FocusGroupID(parameters["id"] ?? ""), owner: user.id)
            return .json(["items": sessions.map(FocusGroupSessionRepresentation.init)])
        }
        router.on(.get, "/api/sessions/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(
                FocusGroupSessionRepresentation(try app.sessionControl.session(id(parameters), owner: user.id)))
        }
        router.on(.get, "/api/sessions/:id/messages") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let afterSeq = try Self.integer(request.query["after_seq"], "after_seq", default: 0)
            let limit = try Self.integer(request.query["limit"], "limit", default: 100)
            let (session, messages) = try app.sessionControl.transcript(
                of: id(parameters), owner: user.id, afterSeq: afterSeq, limit: limit)
            return .json(
                Messages(
                    items: messages.map(SessionMessageRepresentation.init),
                    status: FocusGroupSessionRepresentation.status(of: session),
                    nextAfterSeq: messages.last?.seq ?? afterSeq))
        }
        router.on(.post, "/api/sessions/:id/commands") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(Command.self)
            guard let kind = SessionCommand.Kind(rawValue: body.kind) else {
                let kinds = SessionCommand.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                throw DomainError.invalid("kind", "kind must be one of \(kinds).")
            }
            let (session, _) = try app.sessionControl.command(
                kind, on: id(parameters), owner: user.id, text: body.text, persona: body.personaID.map(PersonaID.init))
            return .json(FocusGroupSessionRepresentation(session), status: .accepted)
        }
        router.on(.post, "/api/sessions/:id/resume") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return started(try app.sessionLaunch.resume(id(parameters), owner: user.id))
        }
        router.on(.post, "/api/sessions/:id/fork") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(Fork.self)
            return started(
                try app.sessionLaunch.fork(
                    id(parameters), owner: user.id, at: Int(clamping: body.seq.value), text: body.text,
                    stimulus: body.stimulus.map { (StimulusID($0.id), $0.text) }))
        }
        router.on(.post, "/api/sessions/:id/replay") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return started(try app.sessionLaunch.replay(id(parameters), owner: user.id))
        }
        router.on(.get, "/api/sessions/:id/compare/:other") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(
                Comparison(
                    left: FocusGroupSessionRepresentation(
                        try app.sessionControl.session(id(parameters), owner: user.id)),
                    right: FocusGroupSessionRepresentation(
                        try app.sessionControl.session(SessionID(parameters["other"] ?? ""), owner: user.id))))
        }
    }

    private func id(_ parameters: RouteParameters) -> SessionID { SessionID(parameters["id"] ?? "") }

    private func started(_ started: (FocusGroupSession, TaskRecord)) -> HTTPResponse {
        .json(
            Started(session: FocusGroupSessionRepresentation(started.0), taskID: started.1.id.rawValue),
            status: .accepted)
    }

    private static func integer(_ raw: String?, _ field: String, default fallback: Int) throws -> Int {
        guard let raw else { return fallback }
        guard let value = Int(raw) else { throw DomainError.invalid(field, "\(field) must be a whole number.") }
        return value
    }
}

/// GET …/sessions/estimate: calls per kind, tokens per tier, dollars (null without prices), credits.
enum SessionEstimateRepresentation {
    static func json(_ estimate: CostEstimator.Estimate) -> JSONValue {
        let calls = CostEstimator.CallKind.allCases.map {
            ($0.rawValue, JSONValue.number(Double(estimate.calls[$0] ?? 0)))
        }
        func tokens(_ usage: TokenUsage) -> JSONValue {
            .object([
                ("prompt_tokens", .number(Double(usage.promptTokens))),
                ("completion_tokens", .number(Double(usage.completionTokens))),
            ])
        }
        return .object([
            ("calls", .object(calls)), ("main", tokens(estimate.mainTokens)), ("mini", tokens(estimate.miniTokens)),
            ("cost_usd", estimate.cost.map { .string($0.dollars) } ?? .null),
            ("credits", .number(Double(estimate.credits.value))), ("exceeds_cap", .bool(estimate.exceedsCap)),
        ])
    }
}
