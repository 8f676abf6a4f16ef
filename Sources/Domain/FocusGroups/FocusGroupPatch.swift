/// What a client writes to a focus group: on create every given field (name, objective and participants
/// are required), on edit only the fields to change (nil leaves one as it is). Validated when applied.
public struct FocusGroupPatch: Sendable, Equatable {
    public var name: String?
    public var objective: String?
    public var audience: String?
    public var language: String?
    public var participantIDs: [PersonaID]?
    /// The whole ordered list of stimuli after the change.
    public var stimuli: [StimulusDraft]?
    public var settings: FocusGroupSettingsPatch?
    /// A whole discussion guide as JSON (edits only); `.null` removes the guide.
    public var guide: JSONValue?

    public init() {}
}

/// One stimulus in a client's list: a new concept (no id), or an existing stimulus kept by its id (a
/// concept with its new title and text, an image with its new title). Images themselves are uploaded
/// with `POST /api/focus-groups/{id}/stimuli/image`.
public struct StimulusDraft: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case concept
        case image
    }

    public var id: StimulusID?
    public var kind: Kind
    public var title: String
    /// The concept's text; nil for an image.
    public var text: String?

    public init(id: StimulusID? = nil, kind: Kind = .concept, title: String, text: String?) {
        self.id = id
        self.kind = kind
        self.title = title
        self.text = text
    }
}

/// A partial change of a group's settings: nil keeps a setting (or its default, on create).
public struct FocusGroupSettingsPatch: Sendable, Equatable {
    public var turnTaking: TurnTakingMode?
    public var maxTurns: Int?
    public var usdCap: MicroUSD?
    public var moderatorTier: LLMTier?
    public var personaTier: LLMTier?

    public init() {}

    /// `settings` with the given values in place (not yet validated: see `FocusGroupSettings.validated()`).
    public func applied(to settings: FocusGroupSettings) -> FocusGroupSettings {
        var result = settings
        if let turnTaking { result.turnTaking = turnTaking }
        if let maxTurns { result.maxTurns = maxTurns }
        if let usdCap { result.usdCap = usdCap }
        if let moderatorTier { result.moderatorTier = moderatorTier }
        if let personaTier { result.personaTier = personaTier }
        return result
    }
}
