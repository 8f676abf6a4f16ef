/// Maps method + path to a handler. Build it once at startup (`var router = Router…; router.on(…)`),
/// then share it: it is an immutable value afterwards, safe to call from every accept thread.
public struct Router<Context: Sendable>: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, Context, RouteParameters) throws -> HTTPResponse
    public typealias Next = (HTTPRequest, Context) throws -> HTTPResponse
    /// Runs around routing; call `next` to continue (possibly with a changed request or context).
    public typealias Middleware = @Sendable (HTTPRequest, Context, Next) throws -> HTTPResponse
    /// Turns an application error (e.g. a domain error) into its HTTP form; nil means "unexpected".
    public typealias ErrorMapper = @Sendable (any Error) -> (any HTTPResponseError)?
    /// Told about every error that became a generic 500, so it can be logged with `request.requestID`.
    public typealias UnhandledErrorReporter = @Sendable (any Error, HTTPRequest) -> Void

    private var root = RouteNode<Handler>()
    private var middleware: [Middleware] = []
    private let mapError: ErrorMapper
    private let reportUnhandled: UnhandledErrorReporter

    public init(
        mapError: @escaping ErrorMapper = { _ in nil },
        reportUnhandled: @escaping UnhandledErrorReporter = { _, _ in }
    ) {
        self.mapError = mapError
        self.reportUnhandled = reportUnhandled
    }

    /// Registers `handler` for `method` at `pattern`, e.g. `"/api/admin/users/:id/credits"`.
    /// A duplicate route is a programmer error and stops the process at startup.
    public mutating func on(_ method: HTTPMethod, _ pattern: String, handler: @escaping Handler) {
        root.insert(Self.segments(pattern)[...], method: method, handler: handler, pattern: pattern)
    }

    /// Appends a middleware; the first one added is the outermost.
    public mutating func use(_ middleware: @escaping Middleware) {
        self.middleware.append(middleware)
    }

    /// Never throws: every error becomes a JSON error response (see `HTTPResponseError`, `mapError`).
    public func respond(to request: HTTPRequest, context: Context) -> HTTPResponse {
        var response = respondUnlabelled(to: request, context: context)
        response.route = route(of: request.path)
        return response
    }

    /// The pattern of the route `path` matches, nil when none does (a 404).
    public func route(of path: String) -> String? {
        var captured: [String: String] = [:]
        return root.match(Self.segments(path)[...], parameters: &captured)?.pattern
    }

    private func respondUnlabelled(to request: HTTPRequest, context: Context) -> HTTPResponse {
        do {
            return try run(middlewareAt: 0, request, context)
        } catch let error as any HTTPResponseError {
            return error.response
        } catch {
            if let mapped = mapError(error) { return mapped.response }
            reportUnhandled(error, request)
            return HTTPError.internal().response
        }
    }

    private func run(middlewareAt index: Int, _ request: HTTPRequest, _ context: Context) throws -> HTTPResponse {
        guard index < middleware.count else { return try dispatch(request, context) }
        return try middleware[index](request, context) { request, context in
            try run(middlewareAt: index + 1, request, context)
        }
    }

    private func dispatch(_ request: HTTPRequest, _ context: Context) throws -> HTTPResponse {
        var captured: [String: String] = [:]
        guard let node = root.match(Self.segments(request.path)[...], parameters: &captured) else {
            throw HTTPError.notFound()
        }
        if let handler = node.handlers[request.method] {
            return try handler(request, context, RouteParameters(captured))
        }
        // HEAD is answered as GET (RFC 9110 §9.3.2): nginx sends the headers, Content-Length included, and
        // discards the body.
        if request.method == .head, let get = node.handlers[.get] {
            return try get(request, context, RouteParameters(captured))
        }
        var allowed = Set(node.handlers.keys)
        if allowed.contains(.get) { allowed.insert(.head) }
        throw HTTPError.methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    /// Empty segments are ignored, so `/a//b/` matches `/a/b`.
    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
