/// Identity of a session (one run of a focus group): the hex form of its storage id.
public struct SessionID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
