/// The focus group as it was when the session started: edits to the group later never change a run.
public struct SessionSnapshot: Sendable, Equatable {
    public struct Participant: Sendable, Equatable {
        public let id: PersonaID
        public let profile: PersonaProfile

        public init(id: PersonaID, profile: PersonaProfile) {
            self.id = id
            self.profile = profile
        }

        public var name: String { profile.name }
    }

    public let focusGroupID: FocusGroupID
    public let name: String
    public let objective: String
    public let audience: String
    public let language: String
    public let participants: [Participant]
    public var stimuli: [Stimulus]
    public let settings: FocusGroupSettings
    public let guide: DiscussionGuide

    public init(
        focusGroupID: FocusGroupID, name: String, objective: String, audience: String, language: String,
        participants: [Participant], stimuli: [Stimulus], settings: FocusGroupSettings, guide: DiscussionGuide
    ) {
        self.focusGroupID = focusGroupID
        self.name = name
        self.objective = objective
        self.audience = audience
        self.language = language
        self.participants = participants
        self.stimuli = stimuli
        self.settings = settings
        self.guide = guide
    }

    public func participant(_ id: PersonaID) -> Participant? { participants.first { $0.id == id } }

    public var engine: ConversationEngine {
        ConversationEngine(guide: guide, participants: participants.map(\.id), settings: settings)
    }
}
