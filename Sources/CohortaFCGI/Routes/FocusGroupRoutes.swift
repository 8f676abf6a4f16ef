import Domain
import HTTPCore

/// /api/focus-groups: the signed-in user's focus groups. Another user's group is always 404, admins included.
struct FocusGroupRoutes {
    /// The fields a client may write. Anything else (id, owner, timestamps, participants, image stimuli's
    /// media) is refused, never ignored. `guide` is read from the raw JSON (it is validated whole).
    private struct GroupBody: Decodable {
        var patch = FocusGroupPatch()

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name, objective, audience, language, stimuli, settings, guide
            case participantIDs = "participant_ids"
        }

        init(from decoder: any Decoder) throws {
            let body = try decoder.container(keyedBy: CodingKeys.self)
            patch.name = try body.optional(String.self, .name)
            patch.objective = try body.optional(String.self, .objective)
            patch.audience = try body.optional(String.self, .audience)
            patch.language = try body.optional(String.self, .language)
            patch.participantIDs = try body.optional([String].self, .participantIDs)?.map(PersonaID.init)
            patch.stimuli = try body.optional([StimulusBody].self, .stimuli)?.map(\.draft)
            patch.settings = try body.optional(SettingsBody.self, .settings)?.patch
        }
    }

    /// POST: every field but `guide` (a guide is written or generated once the group exists).
    private struct CreateBody: Decodable {
        let patch: FocusGroupPatch

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(
                allowing: GroupBody.CodingKeys.allCases.filter { $0 != .guide }.map(\.stringValue))
            patch = try GroupBody(from: decoder).patch
        }
    }

    private struct PatchBody: Decodable {
        let patch: FocusGroupPatch

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(GroupBody.CodingKeys.self)
            patch = try GroupBody(from: decoder).patch
        }
    }

    /// `{kind?, title, text}` for a new concept; `{id, kind?, title, text?}` keeps an existing stimulus.
    private struct StimulusBody: Decodable {
        let draft: StimulusDraft

        enum CodingKeys: String, CodingKey, CaseIterable { case id, kind, title, text }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            draft = StimulusDraft(
                id: try body.optional(String.self, .id).map(StimulusID.init),
                kind: try body.optionalChoice(StimulusDraft.Kind.self, .kind) ?? .concept,
                title: try body.decode(String.self, forKey: .title), text: try body.optional(String.self, .text))
        }
    }

    private struct SettingsBody: Decodable {
        let patch: FocusGroupSettingsPatch

        enum CodingKeys: String, CodingKey, CaseIterable {
            case turnTaking = "turn_taking"
            case maxTurns = "max_turns"
            case usdCap = "usd_cap"
            case moderatorTier = "moderator_tier"
            case personaTier = "persona_tier"
        }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let body = try decoder.container(keyedBy: CodingKeys.self)
            var patch = FocusGroupSettingsPatch()
            patch.turnTaking = try body.optionalChoice(TurnTakingMode.self, .turnTaking)
            patch.maxTurns = try body.contains(.maxTurns) ? body.integer(.maxTurns) : nil
            if let dollars = try body.optional(String.self, .usdCap) {
                guard let amount = MicroUSD(dollars: dollars) else {
                    throw DomainError.invalid(
                        "settings.usd_cap", "settings.usd_cap must be an amount of US dollars such as \"2.00\".")
                }
                patch.usdCap = amount
            }
            patch.moderatorTier = try body.optionalChoice(LLMTier.self, .moderatorTier)
            patch.personaTier = try body.optionalChoice(LLMTier.self, .personaTier)
            self.patch = patch
        }
    }

    let app: AppContainer

    func register(in router: inout Router<RequestContext>) {
        router.on(.get, "/api/focus-groups") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let found = try app.focusGroupSearch(
                by: user.id, text: request.query["q"], page: try PageRequest(query: request.query))
            return .json(PageRepresentation(found, FocusGroupRepresentation.init))
        }
        router.on(.post, "/api/focus-groups") { request, _, _ in
            let user = try app.authenticatedUser(request)
            let body = try request.decode(CreateBody.self)
            return .json(
                FocusGroupRepresentation(try app.focusGroupCreation(by: user.id, body.patch)), status: .created)
        }
        router.on(.get, "/api/focus-groups/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            return .json(FocusGroupRepresentation(try app.focusGroupLookup(Self.id(parameters), by: user.id)))
        }
        router.on(.patch, "/api/focus-groups/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            var patch = try request.decode(PatchBody.self).patch
            patch.guide = try JSONValue.parse(request.body)["guide"]
            return .json(
                FocusGroupRepresentation(try app.focusGroupEditing(Self.id(parameters), by: user.id, patch: patch)))
        }
        router.on(.delete, "/api/focus-groups/:id") { request, _, parameters in
            let user = try app.authenticatedUser(request)
            try app.focusGroupDeletion(Self.id(parameters), by: user.id)
            return .noContent
        }
    }

    static func id(_ parameters: RouteParameters) -> FocusGroupID { FocusGroupID(parameters["id"] ?? "") }
}
