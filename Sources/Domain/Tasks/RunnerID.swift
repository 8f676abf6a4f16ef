/// Who holds a task's lease: one runner thread (host, process and thread), unique while it lives.
public struct RunnerID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
