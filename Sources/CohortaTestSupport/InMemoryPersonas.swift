public import Domain
public import Foundation
import Synchronization

/// Personas and folders in memory, with the same contract as the Mongo stores (one lock for both).
public final class InMemoryPersonas: PersonaStore, FolderStore {
    private struct State {
        var personas: [PersonaID: Persona] = [:]
        var folders: [FolderID: Folder] = [:]
        var nextID = 1
        mutating func makeID() -> String {
            defer { nextID += 1 }
            return String(format: "%024x", nextID)
        }
    }

    private let state = Mutex(State())  // guards personas, folders and nextID

    public init() {}

    public func insert(_ new: NewPersona) throws -> Persona {
        state.withLock { state in
            let persona = Persona(
                id: PersonaID(state.makeID()), ownerID: new.ownerID, folderID: new.folderID, profile: new.profile,
                generation: new.generation, createdAt: new.createdAt, updatedAt: new.createdAt)
            state.personas[persona.id] = persona
            return persona
        }
    }

    public func persona(id: PersonaID, owner: UserID) throws -> Persona? {
        state.withLock { $0.personas[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func personas(of owner: UserID, matching filter: PersonaFilter, page: PageRequest) throws -> Page<Persona> {
        let matches = state.withLock { state in
            state.personas.values.filter { $0.ownerID == owner && filter.matches($0) }
                .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
        }
        return Page(
            items: Array(matches.dropFirst(page.offset).prefix(page.perPage)), request: page, total: matches.count)
    }

    public func update(_ id: PersonaID, owner: UserID, profile: PersonaProfile, at date: Date) throws -> Persona? {
        state.withLock { state in
            guard var persona = state.personas[id], persona.ownerID == owner else { return nil }
            persona.profile = profile
            persona.updatedAt = date
            state.personas[id] = persona
            return persona
        }
    }

    public func delete(_ ids: [PersonaID], owner: UserID) throws -> Int {
        state.withLock { state in
            var deleted = 0
            for id in Set(ids) where state.personas[id]?.ownerID == owner {
                state.personas[id] = nil
                deleted += 1
            }
            return deleted
        }
    }

    public func move(_ ids: [PersonaID], owner: UserID, to folder: FolderID?) throws -> Int {
        state.withLock { state in
            var moved = 0
            for id in Set(ids) {
                guard var persona = state.personas[id], persona.ownerID == owner else { continue }
                persona.folderID = folder
                state.personas[id] = persona
                moved += 1
            }
            return moved
        }
    }

    public func moveAll(owner: UserID, from folder: FolderID, to destination: FolderID?) throws {
        state.withLock { state in
            for (id, persona) in state.personas where persona.ownerID == owner && persona.folderID == folder {
                state.personas[id]?.folderID = destination
            }
        }
    }

    public func countsByFolder(owner: UserID) throws -> [FolderID: Int] {
        state.withLock { state in
            var counts: [FolderID: Int] = [:]
            for persona in state.personas.values where persona.ownerID == owner {
                if let folder = persona.folderID { counts[folder, default: 0] += 1 }
            }
            return counts
        }
    }

    public func insert(_ new: NewFolder) throws -> Folder {
        state.withLock { state in
            let folder = Folder(
                id: FolderID(state.makeID()), ownerID: new.ownerID, name: new.name, parentID: new.parentID,
                createdAt: new.createdAt)
            state.folders[folder.id] = folder
            return folder
        }
    }

    public func folder(id: FolderID, owner: UserID) throws -> Folder? {
        state.withLock { $0.folders[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func folders(of owner: UserID) throws -> [Folder] {
        state.withLock { state in
            state.folders.values.filter { $0.ownerID == owner }
                .sorted { ($0.createdAt, $0.id.rawValue) < ($1.createdAt, $1.id.rawValue) }
        }
    }

    public func update(_ folder: Folder) throws -> Folder? {
        state.withLock { state in
            guard var stored = state.folders[folder.id], stored.ownerID == folder.ownerID else { return nil }
            stored.name = folder.name
            stored.parentID = folder.parentID
            state.folders[folder.id] = stored
            return stored
        }
    }

    public func delete(_ id: FolderID, owner: UserID, reparentingChildrenTo newParent: FolderID?) throws -> Bool {
        state.withLock { state in
            guard state.folders[id]?.ownerID == owner else { return false }
            for (child, folder) in state.folders where folder.ownerID == owner && folder.parentID == id {
                state.folders[child]?.parentID = newParent
            }
            state.folders[id] = nil
            return true
        }
    }
}
