internal import BSON
internal import Domain

/// A session's `snapshot` as stored: the focus group frozen at start, `{name, objective, audience,
/// language, participants [{persona_id, profile {…}}], stimuli [{id, kind, title, text | media_type,
/// byte_count, description, description_status}], settings {turn_taking, max_turns, usd_cap (micro-USD),
/// moderator_tier, persona_tier}, guide {…}}`.
///
/// Participant ids stay their hex strings: inside a session a persona id is a frozen value (the keys of
/// the state and the poll answers), not a reference to look up. The profile has the form `personas`
/// stores, stimuli and settings the form `focus_groups` stores, and the guide is `DiscussionGuide.json`, read
/// back through `DiscussionGuide(json:version:)`.
struct SessionSnapshotDocument: Codable {
    struct Participant: Codable {
        var personaID: String
        var profile: PersonaDocument.Profile

        enum CodingKeys: String, CodingKey {
            case personaID = "persona_id"
            case profile
        }
    }

    var name: String
    var objective: String
    var audience: String
    var language: String
    var participants: [Participant]
    var stimuli: [FocusGroupDocument.StoredStimulus]
    var settings: FocusGroupDocument.Settings
    var guide: JSONValue

    init(_ snapshot: SessionSnapshot) {
        name = snapshot.name
        objective = snapshot.objective
        audience = snapshot.audience
        language = snapshot.language
        participants = snapshot.participants.map {
            Participant(personaID: $0.id.rawValue, profile: PersonaDocument.Profile($0.profile))
        }
        stimuli = snapshot.stimuli.map(FocusGroupDocument.StoredStimulus.init)
        settings = FocusGroupDocument.Settings(snapshot.settings)
        guide = snapshot.guide.json
    }

    func snapshot(of group: FocusGroupID, session id: ObjectID) throws -> SessionSnapshot {
        guard let version = guide["version"]?.intValue,
            let guide = try? DiscussionGuide(json: guide, version: version)
        else { throw SessionDocument.corrupt(id, "snapshot guide") }
        return SessionSnapshot(
            focusGroupID: group, name: name, objective: objective, audience: audience, language: language,
            participants: try participants.map {
                SessionSnapshot.Participant(
                    id: PersonaID($0.personaID), profile: try $0.profile.domain(persona: id))
            },
            stimuli: try stimuli.map { try $0.stimulus(in: id) },
            settings: try settings.domain(in: id),
            guide: guide)
    }
}
