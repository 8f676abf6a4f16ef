/// The attributes of a persona a user or the generator may write. Build it freely, then pass it through
/// `PersonaValidation.validate(_:)` before it is stored.
public struct PersonaProfile: Sendable, Equatable {
    public var name: String
    public var age: Int
    public var gender: PersonaGender
    public var location: String
    public var occupation: String
    public var incomeBand: PersonaIncomeBand
    public var attitude: PersonaAttitude
    public var bio: String
    public var quote: String
    public var psychographics: PersonaPsychographics
    public var behaviours: PersonaBehaviours
    public var provenance: PersonaProvenance

    public init(
        name: String, age: Int, gender: PersonaGender, location: String, occupation: String,
        incomeBand: PersonaIncomeBand, attitude: PersonaAttitude, bio: String = "", quote: String = "",
        psychographics: PersonaPsychographics = PersonaPsychographics(),
        behaviours: PersonaBehaviours = PersonaBehaviours(), provenance: PersonaProvenance = PersonaProvenance()
    ) {
        self.name = name
        self.age = age
        self.gender = gender
        self.location = location
        self.occupation = occupation
        self.incomeBand = incomeBand
        self.attitude = attitude
        self.bio = bio
        self.quote = quote
        self.psychographics = psychographics
        self.behaviours = behaviours
        self.provenance = provenance
    }
}
