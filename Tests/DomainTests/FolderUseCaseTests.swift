import CohortaTestSupport
import Domain
import Foundation
import Testing

@Suite struct FolderUseCaseTests {
    let clock = MockClock()
    let store = InMemoryPersonas()
    let ada = UserID("a1")
    let bob = UserID("b2")

    var create: FolderCreation { FolderCreation(folders: store, clock: clock) }
    var edit: FolderEditing { FolderEditing(folders: store, personas: store) }
    var delete: FolderDeletion { FolderDeletion(folders: store, personas: store) }
    var list: FolderListing { FolderListing(folders: store, personas: store) }

    /// A chain of `depth` folders, top first.
    func chain(_ depth: Int, owner: UserID) throws -> [Folder] {
        var result: [Folder] = []
        for level in 1...depth {
            result.append(try create(by: owner, name: "L\(level)", parent: result.last?.id))
        }
        return result
    }

    @Test func namesAreTrimmedAndBounded() throws {
        #expect(try create(by: ada, name: "  Research  ", parent: nil).name.value == "Research")
        #expect(throws: DomainError.self) { try create(by: ada, name: " ", parent: nil) }
        #expect(throws: DomainError.self) { try create(by: ada, name: String(repeating: "n", count: 81), parent: nil) }
    }

    @Test func nestingStopsAtFiveLevels() throws {
        let levels = try chain(5, owner: ada)
        #expect(throws: DomainError.invalid("parent_id", "Folders can nest at most 5 levels deep.")) {
            try create(by: ada, name: "L6", parent: levels[4].id)
        }
        let other = try chain(2, owner: ada)
        #expect(throws: DomainError.invalid("parent_id", "Folders can nest at most 5 levels deep.")) {
            try edit(other[0].id, by: ada, patch: FolderPatch(parent: .folder(levels[3].id)))
        }
        #expect(
            try edit(other[0].id, by: ada, patch: FolderPatch(parent: .folder(levels[2].id))).folder.parentID
                == levels[2].id)
    }

    @Test func aFolderCannotMoveInsideItself() throws {
        let levels = try chain(3, owner: ada)
        for target in [levels[0], levels[2]] {
            #expect(throws: DomainError.invalid("parent_id", "A folder cannot be moved inside itself.")) {
                try edit(levels[0].id, by: ada, patch: FolderPatch(parent: .folder(target.id)))
            }
        }
        let top = try edit(levels[2].id, by: ada, patch: FolderPatch(name: "Up", parent: .topLevel))
        #expect(top.folder.parentID == nil)
        #expect(top.folder.name.value == "Up")
    }

    @Test func anotherUsersFolderIsNotFound() throws {
        let theirs = try create(by: bob, name: "Theirs", parent: nil)
        let mine = try create(by: ada, name: "Mine", parent: nil)
        #expect(throws: DomainError(.notFound, "No such folder.", field: "parent_id")) {
            try create(by: ada, name: "Child", parent: theirs.id)
        }
        #expect(throws: DomainError(.notFound, "No such folder.")) {
            try edit(theirs.id, by: ada, patch: FolderPatch(name: "Mine now"))
        }
        #expect(throws: DomainError(.notFound, "No such folder.", field: "parent_id")) {
            try edit(mine.id, by: ada, patch: FolderPatch(parent: .folder(theirs.id)))
        }
        #expect(throws: DomainError(.notFound, "No such folder.", field: "id")) { try delete(theirs.id, by: ada) }
        #expect(try list(by: ada).map(\.folder.id) == [mine.id])
    }

    @Test func deletingAFolderMovesItsPersonasAndChildrenToItsParent() throws {
        let levels = try chain(3, owner: ada)
        let personas = PersonaCreation(personas: store, folders: store, clock: clock)
        let filed = try personas(by: ada, profile: PersonaUseCaseTests.profile(), in: levels[1].id)
        try delete(levels[1].id, by: ada)
        #expect(try store.persona(id: filed.id, owner: ada)?.folderID == levels[0].id)
        #expect(try store.folder(id: levels[2].id, owner: ada)?.parentID == levels[0].id)
        let summaries = try list(by: ada)
        #expect(summaries.map(\.folder.id) == [levels[0].id, levels[2].id])
        #expect(summaries.first?.personaCount == 1)
        try delete(levels[0].id, by: ada)
        #expect(try store.persona(id: filed.id, owner: ada)?.folderID == nil)
        #expect(try store.folder(id: levels[2].id, owner: ada)?.parentID == nil)
    }
}
