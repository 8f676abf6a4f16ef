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

    // Internal rather than private, and the request path `@inlinable`: the router is then specialised for the
    // application's `Context` where it is used, instead of looking up generic metadata on every request.
    @usableFromInline var root = RouteNode<Handler>()
    @usableFromInline var middleware: [Middleware] = []
    @usableFromInline let mapError: ErrorMapper
    @usableFromInline let reportUnhandled: UnhandledErrorReporter

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
        root.insert(PathSegments.split(pattern)[...], method: method, handler: handler, pattern: pattern)
    }

    /// Appends a middleware; the first one added is the outermost.
    public mutating func use(_ middleware: @escaping Middleware) {
        self.middleware.append(middleware)
    }

    /// Never throws: every error becomes a JSON error response (see `HTTPResponseError`, `mapError`).
    /// The response carries the pattern of the route the request's path matched (nil when none did), whatever
    /// the middleware or handler did with the request.
    @inlinable
    public func respond(to request: HTTPRequest, context: Context) -> HTTPResponse {
        let match = Match(path: request.path, in: root)
        var response = respondUnlabelled(to: request, context: context, match: match)
        response.route = match.node?.pattern
        return response
    }

    @inlinable
    func respondUnlabelled(to request: HTTPRequest, context: Context, match: Match) -> HTTPResponse {
        do {
            return try run(middlewareAt: 0, request, context, match)
        } catch let error as any HTTPResponseError {
            return error.response
        } catch {
            if let mapped = mapError(error) { return mapped.response }
            reportUnhandled(error, request)
            return HTTPError.internal().response
        }
    }

    @inlinable
    func run(middlewareAt index: Int, _ request: HTTPRequest, _ context: Context, _ match: Match) throws
        -> HTTPResponse
    {
        guard index < middleware.count else { return try dispatch(request, context, match) }
        return try middleware[index](request, context) { request, context in
            try run(middlewareAt: index + 1, request, context, match)
        }
    }

    /// `match` is the original path's; a middleware that changed the path gets its new path matched.
    @inlinable
    func dispatch(_ request: HTTPRequest, _ context: Context, _ match: Match) throws -> HTTPResponse {
        let match = request.path == match.path ? match : Match(path: request.path, in: root)
        guard let node = match.node else { throw HTTPError.notFound() }
        if let handler = node.handlers[request.method] {
            return try handler(request, context, RouteParameters(match.parameters))
        }
        // HEAD is answered as GET (RFC 9110 §9.3.2): nginx sends the headers, Content-Length included, and
        // discards the body.
        if request.method == .head, let get = node.handlers[.get] {
            return try get(request, context, RouteParameters(match.parameters))
        }
        var allowed = Set(node.handlers.keys)
        if allowed.contains(.get) { allowed.insert(.head) }
        throw HTTPError.methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    /// The node a path reached, with the parameters captured on the way. Empty segments are ignored, so `/a//b/`
    /// matches `/a/b`.
    @usableFromInline
    struct Match {
        @usableFromInline let path: String
        @usableFromInline let node: RouteNode<Handler>?
        @usableFromInline let parameters: [String: String]

        @inlinable
        init(path: String, in root: RouteNode<Handler>) {
            var captured: [String: String] = [:]
            self.path = path
            node = root.match(PathSegments.split(path)[...], parameters: &captured)
            parameters = captured
        }
    }
}
