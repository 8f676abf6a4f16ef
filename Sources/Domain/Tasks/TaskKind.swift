/// What a task does, e.g. `persona.generate`. Each kind has exactly one executor in the runner.
public struct TaskKind: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
