/// Identity of a persona: the hex form of its storage id. Never a bare `String` in an API.
public struct PersonaID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
