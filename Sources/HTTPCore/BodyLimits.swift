/// How large a request body may be: one limit for every route, and other limits for the few routes that
/// take a file (an image upload). The transport asks before it reads a body and answers 413 above it.
public struct BodyLimits: Sendable {
    private struct Exception: Sendable {
        let method: HTTPMethod
        let segments: [String]
        let bytes: Int
    }

    public let standard: Int
    private var exceptions: [Exception] = []

    public init(standard: Int) { self.standard = standard }

    /// The same limits with `bytes` for `method` on `pattern`, written like a route (`:name` matches any
    /// one segment): `"/api/focus-groups/:id/stimuli/image"`.
    public func allowing(_ bytes: Int, for method: HTTPMethod, _ pattern: String) -> BodyLimits {
        var result = self
        result.exceptions.append(
            Exception(method: method, segments: PathSegments.split(pattern).map(String.init), bytes: bytes))
        return result
    }

    public func limit(for method: HTTPMethod, path: String) -> Int {
        guard exceptions.contains(where: { $0.method == method }) else { return standard }
        let segments = PathSegments.split(path)
        let exception = exceptions.first { exception in
            exception.method == method && exception.segments.count == segments.count
                && zip(exception.segments, segments).allSatisfy { $0.hasPrefix(":") || $0 == $1 }
        }
        return exception?.bytes ?? standard
    }
}
