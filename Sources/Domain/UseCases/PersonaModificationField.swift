/// A persona attribute a modification may change: the `field` enum of prompts/persona/modify.md, named as in
/// the persona's JSON (dotted for the nested lists). Reads and writes the attribute as JSON.
public enum PersonaModificationField: String, Sendable, CaseIterable {
    case name, age, gender, location, occupation, attitude, bio, quote
    case incomeBand = "income_band"
    case values = "psychographics.values"
    case motivations = "psychographics.motivations"
    case frustrations = "psychographics.frustrations"
    case interests = "psychographics.interests"
    case shopping = "behaviours.shopping"
    case media = "behaviours.media"
    case technology = "behaviours.technology"

    /// The attribute's current value: a string, a whole number (age) or a list of strings.
    public func value(in profile: PersonaProfile) -> JSONValue {
        switch self {
        case .name: .string(profile.name)
        case .age: .number(Double(profile.age))
        case .gender: .string(profile.gender.rawValue)
        case .location: .string(profile.location)
        case .occupation: .string(profile.occupation)
        case .incomeBand: .string(profile.incomeBand.rawValue)
        case .attitude: .string(profile.attitude.rawValue)
        case .bio: .string(profile.bio)
        case .quote: .string(profile.quote)
        case .values: Self.list(profile.psychographics.values)
        case .motivations: Self.list(profile.psychographics.motivations)
        case .frustrations: Self.list(profile.psychographics.frustrations)
        case .interests: Self.list(profile.psychographics.interests)
        case .shopping: Self.list(profile.behaviours.shopping)
        case .media: Self.list(profile.behaviours.media)
        case .technology: Self.list(profile.behaviours.technology)
        }
    }

    /// The edit that sets this attribute of `profile` to `value`, or nil when the value has the wrong type or
    /// is not one of the attribute's choices (gender, income band, attitude). Lengths and ranges are left to
    /// `PersonaValidation`.
    public func patch(setting value: JSONValue, of profile: PersonaProfile) -> PersonaPatch? {
        var patch = PersonaPatch()
        var psychographics = profile.psychographics
        var behaviours = profile.behaviours
        switch self {
        case .name: patch.name = value.stringValue
        case .age: patch.age = value.intValue
        case .gender: patch.gender = value.stringValue.flatMap(PersonaGender.init(rawValue:))
        case .location: patch.location = value.stringValue
        case .occupation: patch.occupation = value.stringValue
        case .incomeBand: patch.incomeBand = value.stringValue.flatMap(PersonaIncomeBand.init(rawValue:))
        case .attitude: patch.attitude = value.stringValue.flatMap(PersonaAttitude.init(rawValue:))
        case .bio: patch.bio = value.stringValue
        case .quote: patch.quote = value.stringValue
        case .values, .motivations, .frustrations, .interests:
            guard let items = Self.strings(value) else { return nil }
            switch self {
            case .values: psychographics.values = items
            case .motivations: psychographics.motivations = items
            case .frustrations: psychographics.frustrations = items
            default: psychographics.interests = items
            }
            patch.psychographics = psychographics
        case .shopping, .media, .technology:
            guard let items = Self.strings(value) else { return nil }
            switch self {
            case .shopping: behaviours.shopping = items
            case .media: behaviours.media = items
            default: behaviours.technology = items
            }
            patch.behaviours = behaviours
        }
        return patch == PersonaPatch() ? nil : patch
    }

    private static func list(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    private static func strings(_ value: JSONValue) -> [String]? {
        guard let items = value.arrayValue else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }
}
