public import Foundation

/// A user's folder of personas. Folders nest through `parentID` (nil = top level), at most
/// `FolderTree.maximumDepth` deep and never in a cycle.
public struct Folder: Sendable, Equatable {
    public let id: FolderID
    public let ownerID: UserID
    public var name: FolderName
    public var parentID: FolderID?
    public let createdAt: Date

    public init(id: FolderID, ownerID: UserID, name: FolderName, parentID: FolderID?, createdAt: Date) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.parentID = parentID
        self.createdAt = createdAt
    }
}

/// What a store needs to create a folder; the store assigns the id.
public struct NewFolder: Sendable {
    public let ownerID: UserID
    public let name: FolderName
    public let parentID: FolderID?
    public let createdAt: Date

    public init(ownerID: UserID, name: FolderName, parentID: FolderID?, createdAt: Date) {
        self.ownerID = ownerID
        self.name = name
        self.parentID = parentID
        self.createdAt = createdAt
    }
}

/// A folder with the number of personas filed directly in it.
public struct FolderSummary: Sendable, Equatable {
    public let folder: Folder
    public let personaCount: Int

    public init(folder: Folder, personaCount: Int) {
        self.folder = folder
        self.personaCount = personaCount
    }
}
