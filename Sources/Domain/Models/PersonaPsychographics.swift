/// What drives a persona: short phrases, a bounded number of each (see `PersonaValidation`).
public struct PersonaPsychographics: Sendable, Equatable {
    public var values: [String]
    public var motivations: [String]
    public var frustrations: [String]
    public var interests: [String]

    public init(
        values: [String] = [], motivations: [String] = [], frustrations: [String] = [], interests: [String] = []
    ) {
        self.values = values
        self.motivations = motivations
        self.frustrations = frustrations
        self.interests = interests
    }
}
