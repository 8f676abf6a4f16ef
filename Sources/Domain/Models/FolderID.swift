/// Identity of a folder: the hex form of its storage id. Never a bare `String` in an API.
public struct FolderID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
