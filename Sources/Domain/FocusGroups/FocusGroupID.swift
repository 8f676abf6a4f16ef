/// Identity of a focus group: the hex form of its storage id.
public struct FocusGroupID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}

/// Identity of a stimulus within its focus group ("st_" and 12 hex digits).
public struct StimulusID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
