public import Foundation

/// The bytes of image stimuli, one image per stimulus, scoped to the owner of its focus group: another
/// user's image is indistinguishable from a missing one. Implementations are thread-safe and synchronous.
public protocol StimulusImageStore: Sendable {
    /// Stores the image of `stimulus` in `group` (replacing any earlier one).
    func save(_ image: StimulusImageData, of stimulus: StimulusID, in group: FocusGroupID, owner: UserID, at date: Date)
        throws
    func image(of stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> StimulusImageData?
    /// Deletes the image of one stimulus; false when there was none.
    @discardableResult
    func delete(_ stimulus: StimulusID, in group: FocusGroupID, owner: UserID) throws -> Bool
    /// Deletes every image of the group (when the group is deleted); returns how many.
    @discardableResult
    func deleteAll(in group: FocusGroupID, owner: UserID) throws -> Int
}
