/// Identity of an uploaded customer dataset: the hex form of its storage id.
public struct CustomerDatasetID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
