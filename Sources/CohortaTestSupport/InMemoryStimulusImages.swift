public import Domain
public import Foundation
import Synchronization

/// Image stimulus bytes in memory, with the same contract as `MongoStimulusImageStore`.
public final class InMemoryStimulusImages: StimulusImageStore {
    private struct Key: Hashable {
        let group: FocusGroupID
        let stimulus: StimulusID
    }

    private let images = Mutex([Key: (owner: UserID, data: StimulusImageData)]())  // guards the stored images

    public init() {}

    /// How many images are stored, any owner (for assertions).
    public var count: Int { images.withLock { $0.count } }

    public func save(
        _ image: StimulusImageData, of stimulus: StimulusID, in group: FocusGroupID, owner: UserID, at date: Date
    ) throws {
        images.withLock { $0[Key(group: group, stimulus: stimulus)] = (owner, image) }
    }

    public func image(of stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> StimulusImageData? {
        images.withLock { stored in
            stored[Key(group: group, stimulus: stimulus)].flatMap { $0.owner == owner ? $0.data : nil }
        }
    }

    public func delete(_ stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> Bool {
        images.withLock { stored in
            let key = Key(group: group, stimulus: stimulus)
            guard stored[key]?.owner == owner else { return false }
            stored[key] = nil
            return true
        }
    }

    public func deleteAll(in group: FocusGroupID, owner: UserID) throws -> Int {
        images.withLock { stored in
            let keys = stored.filter { $0.key.group == group && $0.value.owner == owner }.map(\.key)
            for key in keys { stored[key] = nil }
            return keys.count
        }
    }
}
