/// Pure rules over one user's folders: depth, descendants, and whether a move keeps the tree valid.
public struct FolderTree: Sendable {
    /// A top-level folder has depth 1; nothing may sit deeper than this.
    public static let maximumDepth = 5
    /// How many folders one user may have.
    public static let maximumFolders = 200

    private let parents: [FolderID: FolderID?]

    public init(_ folders: [Folder]) {
        parents = Dictionary(folders.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
    }

    public func contains(_ id: FolderID) -> Bool { parents[id] != nil }

    /// 1 for a top-level folder; the walk stops at the maximum so corrupt data cannot loop.
    public func depth(of id: FolderID) -> Int {
        var depth = 1
        var current = id
        while let parent = parents[current] ?? nil, depth <= Self.maximumDepth + 1 {
            depth += 1
            current = parent
        }
        return depth
    }

    /// Every folder below `id`, at any depth.
    public func descendants(of id: FolderID) -> Set<FolderID> {
        var found: Set<FolderID> = []
        var frontier = [id]
        while let next = frontier.popLast() {
            for (child, parent) in parents where parent == next && !found.contains(child) && child != id {
                found.insert(child)
                frontier.append(child)
            }
        }
        return found
    }

    /// Levels in the subtree rooted at `id`, counting `id` itself (a leaf has height 1).
    public func height(of id: FolderID) -> Int {
        descendants(of: id).map { depth(of: $0) - depth(of: id) + 1 }.max() ?? 1
    }

    /// Throws unless moving `id` under `parent` (nil = top level) keeps the tree acyclic and shallow enough.
    public func checkMove(_ id: FolderID, under parent: FolderID?) throws {
        guard let parent else { return }
        if parent == id || descendants(of: id).contains(parent) {
            throw DomainError.invalid("parent_id", "A folder cannot be moved inside itself.")
        }
        if depth(of: parent) + height(of: id) > Self.maximumDepth {
            throw DomainError.invalid("parent_id", "Folders can nest at most \(Self.maximumDepth) levels deep.")
        }
    }
}
