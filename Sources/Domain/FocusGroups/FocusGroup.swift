public import Foundation

/// A focus group: what to learn (objective), from whom (3–12 of the owner's personas), about what
/// (stimuli), how the discussion runs (settings) and the moderator's guide. Runs of it are sessions.
public struct FocusGroup: Sendable, Hashable {
    public let id: FocusGroupID
    public let ownerID: UserID
    public var name: String
    public var objective: String
    public var audience: String
    /// A BCP-47-like tag ("en", "de", "pt-BR"): the language the discussion is held in.
    public var language: String
    /// In speaking-order preference; distinct, each one of the owner's personas when saved.
    public var participantIDs: [PersonaID]
    public var stimuli: [Stimulus]
    public var settings: FocusGroupSettings
    public var guide: DiscussionGuide?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: FocusGroupID, ownerID: UserID, name: String, objective: String, audience: String, language: String,
        participantIDs: [PersonaID], stimuli: [Stimulus], settings: FocusGroupSettings, guide: DiscussionGuide?,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.objective = objective
        self.audience = audience
        self.language = language
        self.participantIDs = participantIDs
        self.stimuli = stimuli
        self.settings = settings
        self.guide = guide
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
