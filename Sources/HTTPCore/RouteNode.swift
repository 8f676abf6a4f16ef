/// One path segment of the router's trie. Literal children are tried before the parameter child,
/// with backtracking, so `/users/me` and `/users/:id` coexist.
/// `@usableFromInline` for the router's inlinable request path.
@usableFromInline
struct RouteNode<Handler: Sendable>: Sendable {
    @usableFromInline
    enum Edge: Hashable, Sendable {
        case literal(String)
        case parameter
    }

    @usableFromInline var children: [Edge: RouteNode] = [:]
    /// The parameter name this node captures when reached through a `:name` edge.
    @usableFromInline var parameterName: String?
    @usableFromInline private(set) var handlers: [HTTPMethod: Handler] = [:]
    /// The pattern registered at this node (patterns reaching one node differ only in empty segments).
    @usableFromInline private(set) var pattern: String?

    /// Adds `handler` at `segments`. Conflicts are programmer errors in the route table.
    mutating func insert(_ segments: ArraySlice<Substring>, method: HTTPMethod, handler: Handler, pattern: String) {
        guard let segment = segments.first else {
            precondition(handlers[method] == nil, "duplicate route \(method) \(pattern)")
            handlers[method] = handler
            self.pattern = self.pattern ?? pattern
            return
        }
        if segment.hasPrefix(":") {
            let name = String(segment.dropFirst())
            precondition(!name.isEmpty, "empty parameter name in \(pattern)")
            var child = children[.parameter] ?? RouteNode()
            precondition(
                child.parameterName == nil || child.parameterName == name,
                "conflicting parameter names at \(pattern)")
            child.parameterName = name
            child.insert(segments.dropFirst(), method: method, handler: handler, pattern: pattern)
            children[.parameter] = child
        } else {
            let edge = Edge.literal(String(segment))
            var child = children[edge] ?? RouteNode()
            child.insert(segments.dropFirst(), method: method, handler: handler, pattern: pattern)
            children[edge] = child
        }
    }

    /// The node at `segments` that has at least one handler, with the parameters captured on the way.
    @inlinable
    func match(_ segments: ArraySlice<Substring>, parameters: inout [String: String]) -> RouteNode? {
        guard let segment = segments.first else { return handlers.isEmpty ? nil : self }
        if let literal = children[.literal(String(segment))],
            let found = literal.match(segments.dropFirst(), parameters: &parameters)
        {
            return found
        }
        if let parameter = children[.parameter], let name = parameter.parameterName {
            var captured = parameters
            captured[name] = String(segment)
            if let found = parameter.match(segments.dropFirst(), parameters: &captured) {
                parameters = captured
                return found
            }
        }
        return nil
    }
}
