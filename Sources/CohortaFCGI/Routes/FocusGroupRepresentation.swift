import Domain
import Foundation
import Representations

/// The public JSON shape of a focus group (docs/openapi.yaml `FocusGroup`). Only these fields ever leave
/// the server; `participants` are the personas still there, in participant order.
struct FocusGroupRepresentation: Encodable {
    struct Participant: Encodable {
        let id: String
        let name: String
        let avatar: PersonaRepresentation.Avatar
    }

    struct Settings: Encodable {
        let turnTaking: String
        let maxTurns: Int
        let usdCap: String
        let moderatorTier: String
        let personaTier: String

        enum CodingKeys: String, CodingKey {
            case turnTaking = "turn_taking"
            case maxTurns = "max_turns"
            case usdCap = "usd_cap"
            case moderatorTier = "moderator_tier"
            case personaTier = "persona_tier"
        }
    }

    let id: String
    let name: String
    let objective: String
    let audience: String
    let language: String
    let participantIDs: [String]
    let participants: [Participant]
    let stimuli: [StimulusRepresentation]
    let settings: Settings
    let guide: JSONValue
    let createdAt: Date
    let updatedAt: Date

    init(_ detail: FocusGroupDetail) {
        let group = detail.group
        id = group.id.rawValue
        name = group.name
        objective = group.objective
        audience = group.audience
        language = group.language
        participantIDs = group.participantIDs.map(\.rawValue)
        participants = detail.participants.map { persona in
            let avatar = persona.avatar
            return Participant(
                id: persona.id.rawValue, name: persona.profile.name,
                avatar: PersonaRepresentation.Avatar(seed: avatar.seed, initials: avatar.initials, hue: avatar.hue))
        }
        stimuli = group.stimuli.map { StimulusRepresentation($0, in: group.id) }
        let settings = group.settings
        self.settings = Settings(
            turnTaking: settings.turnTaking.rawValue, maxTurns: settings.maxTurns, usdCap: settings.usdCap.dollars,
            moderatorTier: settings.moderatorTier.rawValue, personaTier: settings.personaTier.rawValue)
        guide = group.guide?.json ?? .null
        createdAt = group.createdAt
        updatedAt = group.updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, objective, audience, language, participants, stimuli, settings, guide
        case participantIDs = "participant_ids"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}
