internal import BSON
internal import Domain

/// A session's `snapshot` as stored: the focus group frozen at start, `{name, objective, audience,
/// language, participants [{persona_id, profile {…}}], stimuli [{id, kind, title, text | media_type,
/// byte_count, description, description_status}], settings {turn_taking, max_turns, usd_cap_micro_usd,
/// moderator_tier, persona_tier}, guide {…}}`.
///
/// Participant ids stay their hex strings: inside a session a persona id is a frozen value (the keys of
/// the state and the poll answers), not a reference to look up. The profile has the form `personas`
/// stores, and the guide is `DiscussionGuide.json`, read back through `DiscussionGuide(json:version:)`.
struct SessionSnapshotDocument: Codable {
    struct Participant: Codable {
        var personaID: String
        var profile: PersonaDocument.Profile

        enum CodingKeys: String, CodingKey {
            case personaID = "persona_id"
            case profile
        }
    }

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
        var turnTaking: TurnTakingMode
        var maxTurns: Int64
        var usdCap: Int64
        var moderatorTier: LLMTier
        var personaTier: LLMTier

        enum CodingKeys: String, CodingKey {
            case turnTaking = "turn_taking"
            case maxTurns = "max_turns"
            case usdCap = "usd_cap_micro_usd"
            case moderatorTier = "moderator_tier"
            case personaTier = "persona_tier"
        }
    }

    var name: String
    var objective: String
    var audience: String
    var language: String
    var participants: [Participant]
    var stimuli: [StoredStimulus]
    var settings: Settings
    var guide: StoredJSON

    init(_ snapshot: SessionSnapshot) {
        name = snapshot.name
        objective = snapshot.objective
        audience = snapshot.audience
        language = snapshot.language
        participants = snapshot.participants.map {
            Participant(personaID: $0.id.rawValue, profile: PersonaDocument.Profile($0.profile))
        }
        stimuli = snapshot.stimuli.map(StoredStimulus.init)
        let given = snapshot.settings
        settings = Settings(
            turnTaking: given.turnTaking, maxTurns: Int64(given.maxTurns), usdCap: given.usdCap.value,
            moderatorTier: given.moderatorTier, personaTier: given.personaTier)
        guide = StoredJSON(snapshot.guide.json)
    }

    func snapshot(of group: FocusGroupID, session id: ObjectID) throws -> SessionSnapshot {
        guard let version = guide.json["version"]?.intValue,
            let guide = try? DiscussionGuide(json: guide.json, version: version)
        else { throw SessionDocument.corrupt(id, "snapshot guide") }
        return SessionSnapshot(
            focusGroupID: group, name: name, objective: objective, audience: audience, language: language,
            participants: try participants.map {
                SessionSnapshot.Participant(
                    id: PersonaID($0.personaID), profile: try $0.profile.domain(persona: id))
            },
            stimuli: try stimuli.map { try $0.stimulus(session: id) },
            settings: FocusGroupSettings(
                turnTaking: settings.turnTaking, maxTurns: Int(settings.maxTurns), usdCap: MicroUSD(settings.usdCap),
                moderatorTier: settings.moderatorTier, personaTier: settings.personaTier),
            guide: guide)
    }
}

extension SessionSnapshotDocument.StoredStimulus {
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

    func stimulus(session: ObjectID) throws -> Stimulus {
        switch kind {
        case "concept":
            return Stimulus(id: StimulusID(id), title: title, content: .concept(text: text ?? ""))
        case "image":
            guard let mediaType = mediaType.flatMap(StimulusImage.MediaType.init(rawValue:)),
                let status = descriptionStatus.flatMap(StimulusImage.DescriptionStatus.init(rawValue:))
            else { throw SessionDocument.corrupt(session, "image stimulus \(id)") }
            let image = StimulusImage(
                mediaType: mediaType, byteCount: Int(byteCount ?? 0), description: description,
                descriptionStatus: status)
            return Stimulus(id: StimulusID(id), title: title, content: .image(image))
        default:
            throw SessionDocument.corrupt(session, "stimulus kind \(kind)")
        }
    }
}
