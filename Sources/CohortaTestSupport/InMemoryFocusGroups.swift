public import Domain
public import Foundation
import Synchronization

/// Focus groups in memory, with the same contract as `MongoFocusGroupStore` (one lock): owner-scoped,
/// newest first, and `update` keeps the stored description of an image stimulus (the task's to write).
public final class InMemoryFocusGroups: FocusGroupStore {
    private struct State {
        var groups: [FocusGroupID: FocusGroup] = [:]
        var nextID = 1
    }

    private let state = Mutex(State())  // guards groups and nextID

    public init() {}

    /// Every stored group, any owner (for assertions).
    public var all: [FocusGroup] { state.withLock { Array($0.groups.values) } }

    public func insert(_ group: FocusGroup) throws -> FocusGroup {
        state.withLock { state in
            let stored = FocusGroup(
                id: FocusGroupID(String(format: "%024x", state.nextID)), ownerID: group.ownerID, name: group.name,
                objective: group.objective, audience: group.audience, language: group.language,
                participantIDs: group.participantIDs, stimuli: group.stimuli, settings: group.settings,
                guide: group.guide, createdAt: group.createdAt, updatedAt: group.updatedAt)
            state.nextID += 1
            state.groups[stored.id] = stored
            return stored
        }
    }

    public func focusGroup(id: FocusGroupID, owner: UserID) throws -> FocusGroup? {
        state.withLock { $0.groups[id].flatMap { $0.ownerID == owner ? $0 : nil } }
    }

    public func focusGroups(of owner: UserID, search: String?, page: PageRequest) throws -> Page<FocusGroup> {
        let needle = search.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        let matches = state.withLock { state in
            state.groups.values
                .filter { $0.ownerID == owner && (needle.map($0.name.lowercased().contains) ?? true) }
                .sorted { ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue) }
        }
        return Page(
            items: Array(matches.dropFirst(page.offset).prefix(page.perPage)), request: page, total: matches.count)
    }

    public func update(_ group: FocusGroup) throws -> FocusGroup? {
        state.withLock { state in
            guard let stored = state.groups[group.id], stored.ownerID == group.ownerID else { return nil }
            let updated = FocusGroup(
                id: stored.id, ownerID: stored.ownerID, name: group.name, objective: group.objective,
                audience: group.audience, language: group.language, participantIDs: group.participantIDs,
                stimuli: group.stimuli.map { Self.keepingDescription(of: $0, from: stored.stimuli) },
                settings: group.settings, guide: group.guide, createdAt: stored.createdAt, updatedAt: group.updatedAt)
            state.groups[group.id] = updated
            return updated
        }
    }

    public func setGuide(_ guide: DiscussionGuide?, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool {
        state.withLock { state in
            guard var group = state.groups[id], group.ownerID == owner else { return false }
            group.guide = guide
            group.updatedAt = date
            state.groups[id] = group
            return true
        }
    }

    public func updateStimulus(_ stimulus: Stimulus, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool {
        state.withLock { state in
            guard var group = state.groups[id], group.ownerID == owner,
                let index = group.stimuli.firstIndex(where: { $0.id == stimulus.id })
            else { return false }
            group.stimuli[index] = stimulus
            group.updatedAt = date
            state.groups[id] = group
            return true
        }
    }

    public func delete(_ id: FocusGroupID, owner: UserID) throws -> Bool {
        state.withLock { state in
            guard state.groups[id]?.ownerID == owner else { return false }
            state.groups[id] = nil
            return true
        }
    }

    /// `stimulus` with the stored description and status when both are the same image stimulus.
    private static func keepingDescription(of stimulus: Stimulus, from stored: [Stimulus]) -> Stimulus {
        guard case .image(var image) = stimulus.content,
            let previous = stored.first(where: { $0.id == stimulus.id }), case .image(let described) = previous.content
        else { return stimulus }
        image.description = described.description
        image.descriptionStatus = described.descriptionStatus
        var kept = stimulus
        kept.content = .image(image)
        return kept
    }
}
