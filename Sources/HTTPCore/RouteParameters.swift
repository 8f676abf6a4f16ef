/// Values captured by `:name` segments of the matched route pattern (already decoded by nginx).
public struct RouteParameters: Sendable, Equatable {
    private var values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(name: String) -> String? { values[name] }
}
