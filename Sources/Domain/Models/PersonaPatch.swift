/// A partial edit of a persona's profile: nil leaves an attribute as it is.
public struct PersonaPatch: Sendable, Equatable {
    public var name: String?
    public var age: Int?
    public var gender: PersonaGender?
    public var location: String?
    public var occupation: String?
    public var incomeBand: PersonaIncomeBand?
    public var attitude: PersonaAttitude?
    public var bio: String?
    public var quote: String?
    public var psychographics: PersonaPsychographics?
    public var behaviours: PersonaBehaviours?

    public init() {}

    /// The profile after the edit. An attribute edited by hand no longer has a generated origin, so its
    /// provenance entries are dropped.
    public func applied(to profile: PersonaProfile) -> PersonaProfile {
        var result = profile
        var edited: [String] = []
        func set<Value>(_ value: Value?, _ keyPath: WritableKeyPath<PersonaProfile, Value>, _ fields: [String]) {
            guard let value else { return }
            result[keyPath: keyPath] = value
            edited += fields
        }
        set(name, \.name, ["name"])
        set(age, \.age, ["age"])
        set(gender, \.gender, ["gender"])
        set(location, \.location, ["location"])
        set(occupation, \.occupation, ["occupation"])
        set(incomeBand, \.incomeBand, ["income_band"])
        set(attitude, \.attitude, ["attitude"])
        set(bio, \.bio, ["bio"])
        set(quote, \.quote, ["quote"])
        set(
            psychographics, \.psychographics,
            ["values", "motivations", "frustrations", "interests"].map { "psychographics.\($0)" })
        set(behaviours, \.behaviours, ["shopping", "media", "technology"].map { "behaviours.\($0)" })
        for field in edited { result.provenance.origins[field] = nil }
        return result
    }
}
