import Foundation

/// The limits every stored focus group respects (docs/openapi.yaml `FocusGroup`). Field names in errors are
/// the JSON names the client sent (`stimuli[2].title`, `settings.usd_cap`).
public enum FocusGroupValidation {
    public static let maximumNameLength = 120
    public static let maximumObjectiveLength = 2_000
    public static let maximumAudienceLength = 2_000
    public static let languageLength = 2...35
    public static let defaultLanguage = "en"
    public static let participants = 3...12
    public static let maximumStimuli = 10
    public static let maximumStimulusTitleLength = 120
    public static let maximumConceptLength = 4_000

    public static func name(_ raw: String) throws -> String {
        try PersonaValidation.text(raw, "name", maximum: maximumNameLength)
    }

    public static func objective(_ raw: String) throws -> String {
        try PersonaValidation.text(raw, "objective", maximum: maximumObjectiveLength, multiline: true)
    }

    public static func audience(_ raw: String) throws -> String {
        try PersonaValidation.text(raw, "audience", maximum: maximumAudienceLength, allowEmpty: true, multiline: true)
    }

    /// A BCP-47-like tag: 2–35 ASCII letters, digits and hyphens ("en", "pt-BR", "zh-Hant-TW").
    public static func language(_ raw: String) throws -> String {
        let tag = raw.trimmingCharacters(in: .whitespaces)
        guard languageLength.contains(tag.count),
            tag.unicodeScalars.allSatisfy({
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) || $0 == "-"
            })
        else {
            throw DomainError.invalid(
                "language",
                "language must be a language tag such as \"en\" or \"pt-BR\" (2 to 35 letters, digits and hyphens).")
        }
        return tag
    }

    /// The participants in their order: 3 to 12 distinct personas, each one `owner` has.
    public static func participants(_ ids: [PersonaID], owner: UserID, personas: any PersonaStore) throws
        -> [PersonaID]
    {
        guard participants.contains(ids.count) else {
            throw DomainError.invalid(
                "participant_ids",
                "participant_ids must list \(participants.lowerBound) to \(participants.upperBound) personas.")
        }
        guard Set(ids).count == ids.count else {
            throw DomainError.invalid("participant_ids", "participant_ids must not list a persona twice.")
        }
        for (index, id) in ids.enumerated() {
            let plausible = !id.rawValue.isEmpty && id.rawValue.count <= PersonaValidation.maximumIDLength
            guard plausible, try personas.persona(id: id, owner: owner) != nil else {
                throw DomainError.invalid(
                    "participant_ids", "participant_ids[\(index)] is not one of your personas.")
            }
        }
        return ids
    }

    /// The stimuli after a client's list is applied to `existing`: new concepts get fresh ids, listed
    /// stimuli keep theirs (and an image its picture and description), unlisted ones are dropped.
    public static func stimuli(
        _ drafts: [StimulusDraft], existing: [Stimulus], newID: () -> StimulusID
    ) throws -> [Stimulus] {
        guard drafts.count <= maximumStimuli else {
            throw DomainError.invalid("stimuli", "stimuli may list at most \(maximumStimuli) items.")
        }
        var taken = Set(existing.map(\.id))
        var listed: Set<StimulusID> = []
        return try drafts.enumerated().map { index, draft in
            let path = "stimuli[\(index)]"
            let title = try PersonaValidation.text(draft.title, "\(path).title", maximum: maximumStimulusTitleLength)
            guard let id = draft.id else {
                guard draft.kind == .concept else {
                    throw DomainError.invalid(
                        "\(path).kind",
                        "Image stimuli are uploaded with POST /api/focus-groups/{id}/stimuli/image; list them here by id."
                    )
                }
                var fresh = newID()
                while taken.contains(fresh) { fresh = newID() }
                taken.insert(fresh)
                return Stimulus(id: fresh, title: title, content: .concept(text: try conceptText(draft.text, path)))
            }
            guard let current = existing.first(where: { $0.id == id }), listed.insert(id).inserted else {
                throw DomainError.invalid(
                    "\(path).id", "\(path).id is not a stimulus of this focus group, or is listed twice.")
            }
            switch current.content {
            case .concept:
                guard draft.kind == .concept else {
                    throw DomainError.invalid("\(path).kind", "\(path).kind must stay concept.")
                }
                return Stimulus(id: id, title: title, content: .concept(text: try conceptText(draft.text, path)))
            case .image:
                guard draft.kind == .image, draft.text == nil else {
                    throw DomainError.invalid("\(path).kind", "\(path) is an image: only its title can change.")
                }
                return Stimulus(id: id, title: title, content: current.content)
            }
        }
    }

    private static func conceptText(_ raw: String?, _ path: String) throws -> String {
        try PersonaValidation.text(raw ?? "", "\(path).text", maximum: maximumConceptLength, multiline: true)
    }

    /// An image stimulus's title, from the upload's `title` parameter.
    public static func imageTitle(_ raw: String?) throws -> String {
        try PersonaValidation.text(raw ?? "", "title", maximum: maximumStimulusTitleLength)
    }
}
