import BSON
import Domain
import Foundation
import Testing

@testable import Mongo

@Suite(.nxServer)
struct MongoFolderStoreTests {
    let fixture: MongoFixture
    let folders: MongoFolderStore
    let ada = UserID(ObjectID().hex)
    let bob = UserID(ObjectID().hex)
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        fixture = try MongoFixture()
        folders = MongoFolderStore(pool: fixture.pool, database: fixture.database)
    }

    func insert(_ name: String, parent: FolderID? = nil, owner: UserID? = nil, offset: Double = 0) throws -> Folder {
        try folders.insert(
            NewFolder(
                ownerID: owner ?? ada, name: try #require(FolderName(name)), parentID: parent,
                createdAt: start.addingTimeInterval(offset)))
    }

    @Test func foldersListOldestFirstAndOnlyTheOwners() throws {
        let top = try insert("Top")
        let child = try insert("Child", parent: top.id, offset: 1)
        _ = try insert("Theirs", owner: bob)
        #expect(try folders.folders(of: ada) == [top, child])
        #expect(try folders.folder(id: child.id, owner: ada)?.parentID == top.id)
        #expect(try folders.folder(id: top.id, owner: bob) == nil)
    }

    @Test func updateRenamesAndMovesOnlyTheOwnersFolder() throws {
        let top = try insert("Top")
        var child = try insert("Child", parent: top.id, offset: 1)
        child.name = try #require(FolderName("Renamed"))
        child.parentID = nil
        #expect(try folders.update(child) == child)
        #expect(try folders.folder(id: child.id, owner: ada)?.parentID == nil)
        let stranger = Folder(id: top.id, ownerID: bob, name: child.name, parentID: nil, createdAt: start)
        #expect(try folders.update(stranger) == nil)
        #expect(try folders.folder(id: top.id, owner: ada)?.name.value == "Top")
    }

    @Test func deleteReparentsChildrenAndRefusesStrangers() throws {
        let top = try insert("Top")
        let middle = try insert("Middle", parent: top.id, offset: 1)
        let leaf = try insert("Leaf", parent: middle.id, offset: 2)
        #expect(try folders.delete(middle.id, owner: bob, reparentingChildrenTo: nil) == false)
        #expect(try folders.delete(middle.id, owner: ada, reparentingChildrenTo: top.id))
        #expect(try folders.folder(id: leaf.id, owner: ada)?.parentID == top.id)
        #expect(try folders.folder(id: middle.id, owner: ada) == nil)
        #expect(try folders.delete(middle.id, owner: ada, reparentingChildrenTo: nil) == false)
    }
}
