/// A rename and/or move of a folder.
public struct FolderPatch: Sendable, Equatable {
    public enum Parent: Sendable, Equatable {
        case unchanged
        case topLevel
        case folder(FolderID)
    }

    public var name: String?
    public var parent: Parent

    public init(name: String? = nil, parent: Parent = .unchanged) {
        self.name = name
        self.parent = parent
    }
}
