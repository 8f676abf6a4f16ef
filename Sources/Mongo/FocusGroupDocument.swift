internal import BSON
internal import Domain
internal import Foundation

/// A `focus_groups` document as stored: `{_id, user_id, name, objective, audience, language,
/// participant_ids [ObjectId], stimuli [{id, kind, title, text | media_type, byte_count, description,
/// description_status}], settings {turn_taking, max_turns, usd_cap (micro-USD), moderator_tier,
/// persona_tier}, guide {…} | null, revision, created_at, updated_at}`.
///
/// `revision` counts writes: every change replaces the whole document guarded by the revision it read,
/// so concurrent writers never undo each other (and no date goes through `$set`, which nx-27017 would
/// store as a string).
struct FocusGroupDocument: Codable {
    struct StoredStimulus: Codable {
        var id: String
        var kind: String
        var title: String
        var text: String?
        var mediaType: String?
        var byteCount: Int64?
        var description: String?
        var descriptionStatus: String?

        enum CodingKeys: String, CodingKey {
            case id, kind, title, text, description
            case mediaType = "media_type"
            case byteCount = "byte_count"
            case descriptionStatus = "description_status"
        }
    }

    struct Settings: Codable {
        var turnTaking: String
        var maxTurns: Int64
        var usdCap: Int64
        var moderatorTier: String
        var personaTier: String

        enum CodingKeys: String, CodingKey {
            case turnTaking = "turn_taking"
            case maxTurns = "max_turns"
            case usdCap = "usd_cap"
            case moderatorTier = "moderator_tier"
            case personaTier = "persona_tier"
        }
    }

    var id: ObjectID
    var userID: ObjectID
    var name: String
    var objective: String
    var audience: String
    var language: String
    var participantIDs: [ObjectID]
    var stimuli: [StoredStimulus]
    var settings: Settings
    var guide: GuideDocument?
    var revision: Int64
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id = "_id"
        case userID = "user_id"
        case name, objective, audience, language, stimuli, settings, guide, revision
        case participantIDs = "participant_ids"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ group: FocusGroup, id: ObjectID, owner: ObjectID, revision: Int64) throws {
        self.id = id
        userID = owner
        self.revision = revision
        createdAt = group.createdAt.millisecondPrecision
        updatedAt = group.updatedAt.millisecondPrecision
        name = ""
        objective = ""
        audience = ""
        language = ""
        participantIDs = []
        stimuli = []
        settings = Settings(group.settings)
        try setEditableFields(from: group)
    }

    /// Copies what a user may change (everything but identity, owner and creation time).
    mutating func setEditableFields(from group: FocusGroup) throws {
        name = group.name
        objective = group.objective
        audience = group.audience
        language = group.language
        participantIDs = try group.participantIDs.map { id in
            guard let objectID = id.objectID else {
                throw DomainError(.notFound, "No such persona.", field: "participant_ids")
            }
            return objectID
        }
        stimuli = group.stimuli.map(StoredStimulus.init)
        settings = Settings(group.settings)
        guide = group.guide.map(GuideDocument.init)
    }

    /// Writes `guide: null` rather than omitting it, so every stored group has the same shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(userID, forKey: .userID)
        try container.encode(name, forKey: .name)
        try container.encode(objective, forKey: .objective)
        try container.encode(audience, forKey: .audience)
        try container.encode(language, forKey: .language)
        try container.encode(participantIDs, forKey: .participantIDs)
        try container.encode(stimuli, forKey: .stimuli)
        try container.encode(settings, forKey: .settings)
        try container.encode(guide, forKey: .guide)
        try container.encode(revision, forKey: .revision)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    func focusGroup() throws -> FocusGroup {
        FocusGroup(
            id: FocusGroupID(id.hex), ownerID: UserID(userID.hex), name: name, objective: objective,
            audience: audience, language: language, participantIDs: participantIDs.map { PersonaID($0.hex) },
            stimuli: try stimuli.map { try $0.stimulus(in: id) }, settings: try settings.domain(in: id),
            guide: try guide?.domain(in: id), createdAt: createdAt, updatedAt: updatedAt)
    }

    static func corrupt(_ id: ObjectID, _ detail: String) -> BSONError {
        BSONError(.typeMismatch, "A stored focus group is invalid.", detail: "focus group \(id.hex): \(detail)")
    }
}

extension FocusGroupDocument.StoredStimulus {
    init(_ stimulus: Stimulus) {
        id = stimulus.id.rawValue
        title = stimulus.title
        switch stimulus.content {
        case .concept(let text):
            kind = "concept"
            self.text = text
        case .image(let image):
            kind = "image"
            mediaType = image.mediaType.rawValue
            byteCount = Int64(image.byteCount)
            description = image.description
            descriptionStatus = image.descriptionStatus.rawValue
        }
    }

    func stimulus(in group: ObjectID) throws -> Stimulus {
        switch kind {
        case "concept":
            return Stimulus(id: StimulusID(id), title: title, content: .concept(text: text ?? ""))
        case "image":
            guard let mediaType = mediaType.flatMap(StimulusImage.MediaType.init(rawValue:)),
                let status = descriptionStatus.flatMap(StimulusImage.DescriptionStatus.init(rawValue:))
            else { throw FocusGroupDocument.corrupt(group, "image stimulus \(id)") }
            let image = StimulusImage(
                mediaType: mediaType, byteCount: Int(byteCount ?? 0), description: description,
                descriptionStatus: status)
            return Stimulus(id: StimulusID(id), title: title, content: .image(image))
        default:
            throw FocusGroupDocument.corrupt(group, "stimulus kind \(kind)")
        }
    }
}

extension FocusGroupDocument.Settings {
    init(_ settings: FocusGroupSettings) {
        turnTaking = settings.turnTaking.rawValue
        maxTurns = Int64(settings.maxTurns)
        usdCap = settings.usdCap.value
        moderatorTier = settings.moderatorTier.rawValue
        personaTier = settings.personaTier.rawValue
    }

    func domain(in group: ObjectID) throws -> FocusGroupSettings {
        guard let turnTaking = TurnTakingMode(rawValue: turnTaking), let moderator = LLMTier(rawValue: moderatorTier),
            let persona = LLMTier(rawValue: personaTier)
        else { throw FocusGroupDocument.corrupt(group, "settings") }
        return FocusGroupSettings(
            turnTaking: turnTaking, maxTurns: Int(maxTurns), usdCap: MicroUSD(usdCap), moderatorTier: moderator,
            personaTier: persona)
    }
}
