public import Foundation

/// Focus groups, always scoped to their owner: another user's group is indistinguishable from a missing one.
/// Implementations are thread-safe and synchronous.
public protocol FocusGroupStore: Sendable {
    /// Stores `group` under a new id (the id and timestamps given are replaced) and returns it.
    func insert(_ group: FocusGroup) throws -> FocusGroup
    func focusGroup(id: FocusGroupID, owner: UserID) throws -> FocusGroup?
    /// Newest first; `search` (nil = all) matches the name case-insensitively as plain text.
    func focusGroups(of owner: UserID, search: String?, page: PageRequest) throws -> Page<FocusGroup>
    /// Replaces every editable field of the owner's group (not id, owner, createdAt); nil when there is none.
    func update(_ group: FocusGroup) throws -> FocusGroup?
    /// Sets only the guide (the generation task's write), leaving concurrent edits of other fields alone.
    func setGuide(_ guide: DiscussionGuide?, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool
    /// Replaces one stimulus (by id) in place, e.g. when its image description arrives; false when gone.
    func updateStimulus(_ stimulus: Stimulus, of id: FocusGroupID, owner: UserID, at date: Date) throws -> Bool
    func delete(_ id: FocusGroupID, owner: UserID) throws -> Bool
}
