/// What the model is told to write a focus group's guide from: the variables of prompts/focus-group/guide.md
/// (the whole guide) and prompts/focus-group/guide-section.md (one section again). Pure: the same group and
/// participants always give the same variables, so an unchanged request is replayed from `llm_calls`.
public struct DiscussionGuideBrief: Sendable {
    public static let guideTemplate = "focus-group/guide"
    public static let sectionTemplate = "focus-group/guide-section"
    /// The session length the guide is planned for: about a minute per participant turn, within these bounds.
    static let totalMinutes = 10...120

    public let group: FocusGroup
    /// The participants still there, in the group's order (a deleted persona is left out).
    public let participants: [PersonaProfile]

    public init(group: FocusGroup, participants: [PersonaProfile]) {
        self.group = group
        self.participants = participants
    }

    /// The whole guide's variables.
    public var guideVariables: [String: String] {
        let maxTurns = group.settings.maxTurns
        return [
            "language": Self.languageName(group.language),
            "participant_count": String(participants.count),
            "max_turns": String(maxTurns),
            "total_minutes": String(min(max(maxTurns, Self.totalMinutes.lowerBound), Self.totalMinutes.upperBound)),
            "name": group.name,
            "objective": group.objective,
            "audience": group.audience.isEmpty ? "Not specified." : group.audience,
            "stimuli": Self.stimuliText(group.stimuli),
            "participants": Self.participantsText(participants),
        ]
    }

    /// The variables for writing section `sectionID` of the group's guide again; nil when the group has no
    /// guide or the guide no such section.
    public func sectionVariables(for sectionID: String) -> [String: String]? {
        guard let guide = group.guide, let index = guide.sections.firstIndex(where: { $0.id == sectionID }) else {
            return nil
        }
        let target = Self.sectionTarget(guide.sections[index], in: guide, maxTurns: group.settings.maxTurns)
        var variables = guideVariables
        variables["total_minutes"] = nil
        variables["section_id"] = sectionID
        variables["section_number"] = String(index + 1)
        variables["section_count"] = String(guide.sections.count)
        variables["turn_budget"] = String(target.turnBudget)
        variables["minutes"] = String(target.minutes)
        variables["guide"] = Self.promptGuide(guide).serialized
        return variables
    }

    /// The turns and minutes a rewritten section aims at: its share of the guide scaled so the guide's total
    /// comes to `maxTurns` (the setting may have changed since the guide was written), within `GuideLimits`.
    static func sectionTarget(_ section: GuideSection, in guide: DiscussionGuide, maxTurns: Int) -> (
        turnBudget: Int, minutes: Int
    ) {
        let total = max(guide.totalTurnBudget, 1)
        let turns = clamp((section.turnBudget * maxTurns + total / 2) / total, GuideLimits.turnBudget)
        let minutes = clamp(
            (section.minutes * turns + section.turnBudget / 2) / max(section.turnBudget, 1), GuideLimits.minutes)
        return (turns, minutes)
    }

    /// The guide as the section prompt shows it: its JSON without the version, which says nothing to the
    /// model and would only stop an unchanged request from being replayed.
    static func promptGuide(_ guide: DiscussionGuide) -> JSONValue {
        guard case .object(let members) = guide.json else { return guide.json }
        return .object(members.filter { $0.0 != "version" })
    }

    /// One numbered block per stimulus, titled: a concept's text, or an image's description.
    static func stimuliText(_ stimuli: [Stimulus]) -> String {
        guard !stimuli.isEmpty else { return "None." }
        return stimuli.enumerated().map { offset, stimulus in
            let heading = "\(offset + 1). \"\(stimulus.title)\""
            switch stimulus.content {
            case .concept(let text):
                return "\(heading), a written concept:\n\(text)"
            case .image:
                guard let description = stimulus.promptText, !description.isEmpty else {
                    return "\(heading), an image with no description yet: refer to it by its title only."
                }
                return "\(heading), an image the participants look at, described in words:\n\(description)"
            }
        }.joined(separator: "\n\n")
    }

    /// One line per participant: "Maya Chen, 34, ICU nurse, enthusiast".
    static func participantsText(_ participants: [PersonaProfile]) -> String {
        guard !participants.isEmpty else { return "None listed." }
        return participants.map { "\($0.name), \($0.age), \($0.occupation), \($0.attitude.rawValue)" }
            .joined(separator: "\n")
    }

    /// "German (de)" for a tag whose language is known, else the tag itself named as such. Only letters,
    /// digits and "-" of the tag reach the prompt (it is a non-data variable); an empty result means English.
    static func languageName(_ tag: String) -> String {
        let cleaned = String(tag.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }.prefix(35))
        guard !cleaned.isEmpty else { return "English (en)" }
        let primary = cleaned.split(separator: "-").first.map { $0.lowercased() } ?? ""
        guard let name = languageNames[primary] else { return "the language with the BCP 47 tag \"\(cleaned)\"" }
        return "\(name) (\(cleaned))"
    }

    static let languageNames: [String: String] = [
        "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German",
        "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French",
        "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian",
        "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay", "nb": "Norwegian",
        "nl": "Dutch", "nn": "Norwegian", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
        "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "th": "Thai",
        "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese",
    ]

    private static func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
        min(max(value, range.lowerBound), range.upperBound)
    }
}
